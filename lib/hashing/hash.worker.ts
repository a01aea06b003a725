/**
 * The hashing Web Worker: hashes the `File`s the page sends it with `hashBlob` (streaming,
 * WebAssembly hashers, one reused buffer), so a multi-GB file never blocks the page's thread.
 *
 * Created as a module worker by the bundler-recognised form
 * `new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' })`. The protocol is
 * in `worker-protocol.ts`. Several jobs may run at once (one `AbortController` each); the page's
 * hook starts one per worker.
 *
 * @module
 */
import type { Algorithm } from './digests';
import { hashBlob } from './hash-blob';
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

async function start(id: string, file: Blob, algorithms: Algorithm[]): Promise<void> {
  if (running.has(id)) {
    scope.postMessage({ type: 'error', id, code: 'INVALID_ARGUMENT', message: `job ${id} is already running` });
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const digests = await hashBlob(file, {
      algorithms,
      signal: controller.signal,
      onProgress: throttleProgress((bytesDone, totalBytes) =>
        scope.postMessage({ type: 'progress', id, bytesDone, totalBytes }),
      ),
    });
    scope.postMessage({ type: 'done', id, digests, totalBytes: file.size });
  } catch (error) {
    scope.postMessage({ type: 'error', id, ...describeHashFailure(error) });
  } finally {
    running.delete(id);
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'start') void start(request.id, request.file, request.algorithms);
  else if (request.type === 'cancel') running.get(request.id)?.abort();
});
