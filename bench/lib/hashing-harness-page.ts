/**
 * BROWSER CODE, bundled by `serve-hashing-harness.ts` for bench/browser-hashing.ts: the page side
 * of `/verify`'s hashing without React. It drives lib/hashing's `HashQueue` with the real
 * `hash.worker.ts` (bundled beside it) — the objects `useFileHashing` creates on /verify — and
 * times one job from `add()` to its `done` state, so worker start-up, WebAssembly instantiation
 * and progress messages are all counted, as a user waits for them.
 *
 * @module
 */
import type { Algorithm, Digests } from '../../lib/hashing/digests';
import { HashQueue } from '../../lib/hashing/hash-queue';
import type { ExperimentRequest, ExperimentResult } from './hashing-experiment.worker';

export interface HarnessRun {
  ms: number;
  bytes: number;
  digests: Digests;
}

declare global {
  interface Window {
    /** Hashes the file chosen in `#file` with one worker per entry of `plan`. */
    hashChosenFile(plan: Algorithm[][]): Promise<HarnessRun>;
    /** Profile variants: one experiment worker per request, all at once; wall time from the page. */
    runExperiment(requests: Omit<ExperimentRequest, 'file'>[]): Promise<{ ms: number; workers: ExperimentResult[] }>;
  }
}

window.hashChosenFile = (plan) =>
  new Promise<HarnessRun>((resolve, reject) => {
    const file = chosenFile();
    const queue = new HashQueue({
      createWorker: () => new Worker('/hash.worker.js', { type: 'module', name: 'verity-hash' }),
      plan,
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
