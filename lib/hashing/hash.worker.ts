/**
 * The hashing Web Worker: hashes the `File`s the page sends it with `hashBlob` (streaming,
 * WebAssembly hashers, reused buffers), so a multi-GB file never blocks the page's thread.
 *
 * Created as a module worker by the bundler-recognised form
 * `new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' })`. The protocol is
 * in `worker-protocol.ts`. A worker either reads the file (`start`), handing each chunk on to the
 * next worker when the page gave it relay ports, or hashes the chunks another worker reads
 * (`follow`); see `relay.ts`. Several jobs may run at once (one `AbortController` each); the
 * page's hook starts one per worker.
 *
 * @module
 */
import type { Algorithm, Digests } from './digests';
import { type HashBlobOptions, hashBlob } from './hash-blob';
import { hashBlobAndRelay, hashRelayedChunks } from './relay';
import {
  describeHashFailure,
  type HashWorkerRequest,
  type HashWorkerResponse,
  throttleProgress,
} from './worker-protocol';

/** The part of `DedicatedWorkerGlobalScope` used here (the DOM and WebWorker libs conflict in one program). */
interface WorkerScope {
  postMessage(message: HashWorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HashWorkerRequest>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const running = new Map<string, AbortController>();

async function run(
  id: string,
  algorithms: Algorithm[],
  totalBytes: number,
  hash: (options: HashBlobOptions) => Promise<Digests>,
): Promise<void> {
  if (running.has(id)) {
    scope.postMessage({ type: 'error', id, code: 'INVALID_ARGUMENT', message: `job ${id} is already running` });
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const digests = await hash({
      algorithms,
      signal: controller.signal,
      onProgress: throttleProgress((bytesDone, total) =>
        scope.postMessage({ type: 'progress', id, bytesDone, totalBytes: total }),
      ),
    });
    scope.postMessage({ type: 'done', id, digests, totalBytes });
  } catch (error) {
    scope.postMessage({ type: 'error', id, ...describeHashFailure(error) });
  } finally {
    running.delete(id);
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'start') {
    const { file, relay } = request;
    void run(request.id, request.algorithms, file.size, (options) =>
      relay ? hashBlobAndRelay(file, relay, options) : hashBlob(file, options),
    );
  } else if (request.type === 'follow') {
    const { relay, totalBytes } = request;
    void run(request.id, request.algorithms, totalBytes, (options) => hashRelayedChunks(relay, totalBytes, options));
  } else if (request.type === 'cancel') {
    running.get(request.id)?.abort();
  }
});
