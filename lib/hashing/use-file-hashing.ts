'use client';
/**
 * React hook over `HashQueue`: queue files, hash them one at a time in module Web Workers
 * (`hash.worker.ts`), and re-render with each job's state, progress, rate and time left.
 *
 *     const { jobs, add, cancel, remove } = useFileHashing();
 *     add([...input.files]);            // → job ids, hashed in order
 *     cancel(id);                       // aborts and terminates that job's workers
 *
 * @module
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Algorithm } from './digests';
import { type FileHashJob, HashQueue, type HashWorkerLike } from './hash-queue';

export type { FileHashJob, FileHashState } from './hash-queue';

export interface UseFileHashingOptions {
  /** Algorithms per worker; default one worker per algorithm (see hash-queue.ts). */
  plan?: Algorithm[][];
}

export interface UseFileHashing {
  jobs: readonly FileHashJob[];
  add: (files: readonly Blob[]) => string[];
  cancel: (id: string) => void;
  remove: (id: string) => void;
}

const NO_JOBS: readonly FileHashJob[] = [];

/** The literal `new Worker(new URL(…, import.meta.url))` form is what the bundler recognises. */
function createHashWorker(): HashWorkerLike {
  return new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module', name: 'verity-hash' });
}

export function useFileHashing(options: UseFileHashingOptions = {}): UseFileHashing {
  const [queue] = useState(() => new HashQueue({ createWorker: createHashWorker, plan: options.plan }));
  useEffect(() => () => queue.dispose(), [queue]);
  const jobs = useSyncExternalStore(queue.subscribe, queue.getSnapshot, () => NO_JOBS);
  return { jobs, add: queue.add, cancel: queue.cancel, remove: queue.remove };
}
