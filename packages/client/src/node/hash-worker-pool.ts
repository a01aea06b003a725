/**
 * A small pool of hashing threads (hash-worker-source.ts) for FileHasher: at most `size` threads,
 * started when there is work, one task each at a time, the rest queued in order. An idle thread is
 * `unref`'d so a forgotten `close()` never keeps the process alive; a thread that dies fails only
 * its own task and is replaced by the next task that needs one. An aborted running task
 * terminates its thread (a synchronous read loop cannot be interrupted otherwise).
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import { FileHashError } from './file-hash-errors';
import { HASH_WORKER_SOURCE, type HashReply, type HashTask, type HashWorkerData } from './hash-worker-source';

export type HashOutcome = Exclude<HashReply, { kind: 'progress' }>;

export interface HashWorkerPoolRunOptions {
  /** Bytes of the file this task has hashed so far. */
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
}

interface Job {
  task: HashTask;
  onProgress?: (bytes: number) => void;
  resolve: (outcome: HashOutcome) => void;
  reject: (error: Error) => void;
  cleanup: () => void;
}

export class HashWorkerPool {
  readonly #size: number;
  readonly #data: HashWorkerData;
  readonly #workers = new Set<Worker>();
  readonly #idle: Worker[] = [];
  readonly #running = new Map<Worker, Job>();
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(size: number, data: HashWorkerData) {
    this.#size = size;
    this.#data = data;
  }

  run(task: Omit<HashTask, 'id'>, options: HashWorkerPoolRunOptions = {}): Promise<HashOutcome> {
    const { signal, onProgress } = options;
    if (this.#closed) return Promise.reject(new FileHashError('CLOSED', task.path, 'the hasher was closed'));
    if (signal?.aborted) return Promise.reject(new FileHashError('ABORTED', task.path, 'hashing was aborted'));
    return new Promise<HashOutcome>((resolve, reject) => {
      const onAbort = () => this.#abort(job);
      const job: Job = {
        task: { ...task, id: this.#nextId++ },
        onProgress,
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(job);
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) this.#fail(job, 'CLOSED', 'the hasher was closed');
    for (const job of this.#running.values()) this.#fail(job, 'CLOSED', 'the hasher was closed');
    this.#running.clear();
    const workers = [...this.#workers];
    this.#workers.clear();
    this.#idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0 && (this.#idle.length > 0 || this.#workers.size < this.#size)) {
      const worker = this.#idle.pop() ?? this.#spawn();
      const job = this.#queue.shift() as Job;
      this.#running.set(worker, job);
      worker.ref();
      worker.postMessage(job.task);
    }
  }

  #spawn(): Worker {
    const worker = new Worker(HASH_WORKER_SOURCE, { eval: true, workerData: this.#data });
    this.#workers.add(worker);
    worker.on('message', (reply: HashReply) => {
      const job = this.#running.get(worker);
      if (!job || reply.id !== job.task.id) return;
      if (reply.kind === 'progress') {
        job.onProgress?.(reply.bytes);
        return;
      }
      this.#running.delete(worker);
      job.cleanup();
      job.resolve(reply);
      worker.unref();
      this.#idle.push(worker);
      this.#pump();
    });
    const died = (reason: string) => {
      if (!this.#workers.delete(worker)) return; // terminated on purpose (abort, close)
      const idleAt = this.#idle.indexOf(worker);
      if (idleAt !== -1) this.#idle.splice(idleAt, 1);
      const job = this.#running.get(worker);
      this.#running.delete(worker);
      if (job) this.#fail(job, 'WORKER_FAILED', `the hashing thread stopped (${reason})`);
      this.#pump();
    };
    worker.on('error', (error) => died(error.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return worker;
  }

  #abort(job: Job): void {
    const queuedAt = this.#queue.indexOf(job);
    if (queuedAt !== -1) this.#queue.splice(queuedAt, 1);
    for (const [worker, running] of this.#running) {
      if (running !== job) continue;
      this.#running.delete(worker);
      this.#workers.delete(worker);
      void worker.terminate();
    }
    this.#fail(job, 'ABORTED', 'hashing was aborted');
    this.#pump();
  }

  #fail(job: Job, code: 'ABORTED' | 'CLOSED' | 'WORKER_FAILED', message: string): void {
    job.cleanup();
    job.reject(new FileHashError(code, job.task.path, message));
  }
}
