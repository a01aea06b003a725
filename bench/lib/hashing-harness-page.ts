/**
 * BROWSER CODE, bundled by `serve-hashing-harness.ts` for bench/browser-hashing.ts: the page side
 * of `/verify`'s hashing without React. It drives lib/hashing's `HashQueue` with the real
 * `hash.worker.ts` (bundled beside it) — the objects `useFileHashing` creates on /verify — and
 * times one job from `add()` to its `done` state, so worker start-up, WebAssembly instantiation
 * and progress messages are all counted, as a user waits for them.
 *
 * @module
 */
import { createSHA256, createSM3 } from 'hash-wasm';
import type { Algorithm, Digests } from '../../lib/hashing/digests';
import { HashQueue } from '../../lib/hashing/hash-queue';
import { WasmHasher } from '../../lib/hashing/wasm/wasm-hasher';
import type { ExperimentRequest, ExperimentResult } from './hashing-experiment.worker';

export interface HarnessRun {
  ms: number;
  bytes: number;
  digests: Digests;
}

export interface HarnessJob {
  plan: Algorithm[][];
  /** Served worker script: `hash.worker` (today's) or one of the hash-wasm builds. */
  worker?: string;
  /** HashQueue's `readOnce` (default true). */
  readOnce?: boolean;
}

/** One hasher over a buffer in memory: lib/hashing's with a given module, or hash-wasm's. */
export interface KernelRequest {
  algorithm: Algorithm;
  /** Base64 of a digest module built with some options (build-wasm.ts), or null for hash-wasm. */
  module: string | null;
  mib: number;
  repeats: number;
}

declare global {
  interface Window {
    /** Hashes the file chosen in `#file` with one worker per entry of `job.plan`. */
    hashChosenFile(job: HarnessJob): Promise<HarnessRun>;
    /** Profile variants: one experiment worker per request, all at once; wall time from the page. */
    runExperiment(requests: Omit<ExperimentRequest, 'file'>[]): Promise<{ ms: number; workers: ExperimentResult[] }>;
    /** Hashes `mib` MiB of random bytes in memory `repeats` times on this thread; returns the digest. */
    runKernel(request: KernelRequest): Promise<string>;
  }
}

window.hashChosenFile = ({ plan, worker = 'hash.worker', readOnce }) =>
  new Promise<HarnessRun>((resolve, reject) => {
    const file = chosenFile();
    const queue = new HashQueue({
      createWorker: () => new Worker(`/${worker}.js`, { type: 'module', name: 'verity-hash' }),
      plan,
      readOnce,
    });
    const startedAt = performance.now();
    queue.subscribe(() => {
      const job = queue.getSnapshot()[0];
      if (job?.state === 'done' && job.digests) {
        resolve({ ms: performance.now() - startedAt, bytes: job.totalBytes, digests: job.digests });
      } else if (job?.state === 'error' || job?.state === 'cancelled') {
        reject(new Error(`hashing ended ${job.state}: ${job.error?.code ?? ''} ${job.error?.message ?? ''}`));
      }
    });
    queue.add([file]);
  });

function chosenFile(): File {
  const file = document.querySelector<HTMLInputElement>('#file')?.files?.[0];
  if (!file) throw new Error('choose a file in #file first');
  return file;
}

window.runExperiment = async (requests) => {
  const file = chosenFile();
  const startedAt = performance.now();
  const workers = await Promise.all(
    requests.map(
      (request) =>
        new Promise<ExperimentResult>((resolve, reject) => {
          const worker = new Worker('/experiment.worker.js', { type: 'module' });
          worker.onmessage = (event: MessageEvent<ExperimentResult | { error: string }>) => {
            worker.terminate();
            if ('error' in event.data) reject(new Error(event.data.error));
            else resolve(event.data);
          };
          worker.onerror = (event) => {
            worker.terminate();
            reject(new Error(event.message || 'experiment worker failed'));
          };
          worker.postMessage({ ...request, file } satisfies ExperimentRequest);
        }),
    ),
  );
  return { ms: performance.now() - startedAt, workers };
};

let kernelInput: Uint8Array | undefined;

window.runKernel = async ({ algorithm, module, mib, repeats }) => {
  if (kernelInput?.byteLength !== mib * 1024 * 1024) {
    kernelInput = new Uint8Array(mib * 1024 * 1024);
    for (let at = 0; at < kernelInput.byteLength; at += 65536)
      crypto.getRandomValues(kernelInput.subarray(at, at + 65536));
  }
  let hasher: { init(): unknown; update(data: Uint8Array): unknown; digest(): Uint8Array };
  if (module) {
    const bytes = Uint8Array.from(atob(module), (c) => c.charCodeAt(0));
    const { instance } = await WebAssembly.instantiate(bytes);
    hasher = new WasmHasher(algorithm, instance.exports as unknown as ConstructorParameters<typeof WasmHasher>[1]);
  } else {
    const inner = await (algorithm === 'sha256' ? createSHA256() : createSM3());
    hasher = { init: () => inner.init(), update: (d) => inner.update(d), digest: () => inner.digest('binary') };
  }
  const input = kernelInput;
  let digest: Uint8Array = new Uint8Array();
  for (let r = 0; r < repeats; r++) {
    hasher.init();
    // 4 MiB pieces, as the worker's reads arrive.
    for (let at = 0; at < input.byteLength; at += 4 * 1024 * 1024)
      hasher.update(input.subarray(at, at + 4 * 1024 * 1024));
    digest = hasher.digest();
  }
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
};
