/**
 * A queue of files to hash in Web Workers, one file at a time, with the state a page shows for
 * each: queued → hashing → done | error | cancelled, bytes done, percent, MB/s and time left.
 * Framework-free (React reads it through `useSyncExternalStore` in `use-file-hashing.ts`) and
 * driven through an injected worker factory, so it is tested in Node with fake workers.
 *
 * Strategy, chosen by measurement (see README.md "Worker strategy"): each file is hashed by one
 * worker per algorithm, so the hashers run on separate cores, rather than by one worker feeding
 * both hashers in turn; and the file is read once, by the first worker, which relays each chunk
 * to the others (`relay.ts`) instead of every worker reading it. `plan` changes the split and
 * `readOnce: false` lets every worker read the file itself (kept for the benchmark).
 *
 * Errors are never swallowed: a worker that fails to load or crashes (`error` event), a message
 * that cannot be read (`messageerror`), and a file the browser cannot read all end the job in the
 * `error` state with a code and message.
 *
 * @module
 */
import type { Algorithm, Digests } from './digests';
import type { HashWorkerErrorCode, HashWorkerRequest, HashWorkerResponse } from './worker-protocol';

export type FileHashState = 'queued' | 'hashing' | 'done' | 'error' | 'cancelled';

export interface FileHashJob {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly lastModified: number | null;
  state: FileHashState;
  /** Bytes every worker has hashed so far (the slowest worker's count). */
  bytesDone: number;
  totalBytes: number;
  /** 0–100, whole percent rounded down (100 only when done). */
  percent: number;
  /** Average since the job started; null until there is enough to measure. */
  bytesPerSecond: number | null;
  secondsLeft: number | null;
  digests?: Digests;
  error?: { code: HashWorkerErrorCode; message: string };
}

/** What the queue needs of a `Worker`. */
export interface HashWorkerLike {
  postMessage(message: HashWorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<HashWorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export interface HashQueueOptions {
  createWorker: () => HashWorkerLike;
  /** Which algorithms each worker computes; one worker per entry. Default: one per algorithm. */
  plan?: Algorithm[][];
  /**
   * With several workers, the first reads the file and relays its chunks to the others (default
   * true); false: every worker reads the file itself.
   */
  readOnce?: boolean;
  now?: () => number;
}

/**
 * The rate is measured from the first progress report, not from the start: starting the workers
 * and opening the file take a moment that says nothing about the speed. Rates measured over less
 * than this swing wildly, so none is shown before.
 */
const MIN_RATE_WINDOW_MS = 500;

interface Running {
  id: string;
  workers: HashWorkerLike[];
  done: number[];
  digests: Digests;
  finished: number;
  startedAt: number;
  /** The first progress report (time, bytes), where the rate is measured from. */
  rateFrom?: { time: number; bytes: number };
}

export class HashQueue {
  private jobs: FileHashJob[] = [];
  private readonly files = new Map<string, Blob>();
  private readonly listeners = new Set<() => void>();
  private running: Running | undefined;
  private nextId = 1;
  private readonly createWorker: () => HashWorkerLike;
  private readonly plan: Algorithm[][];
  private readonly readOnce: boolean;
  private readonly now: () => number;

  constructor(options: HashQueueOptions) {
    this.createWorker = options.createWorker;
    this.plan = options.plan ?? [['sha256'], ['sm3']];
    if (this.plan.length === 0 || this.plan.some((group) => group.length === 0)) {
      throw new TypeError('plan must list at least one non-empty group of algorithms');
    }
    this.readOnce = options.readOnce ?? true;
    this.now = options.now ?? (() => performance.now());
  }

  /** The current jobs; a new array after every change (so React sees the change). */
  readonly getSnapshot = (): readonly FileHashJob[] => this.jobs;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Queues `files` and returns their job ids, in order. */
  readonly add = (files: readonly Blob[]): string[] => {
    const ids: string[] = [];
    for (const file of files) {
      const id = `file-${this.nextId++}`;
      ids.push(id);
      this.files.set(id, file);
      this.jobs = [
        ...this.jobs,
        {
          id,
          name: file instanceof File ? file.name : '',
          type: file.type,
          lastModified: file instanceof File ? file.lastModified : null,
          state: 'queued',
          bytesDone: 0,
          totalBytes: file.size,
          percent: 0,
          bytesPerSecond: null,
          secondsLeft: null,
        },
      ];
    }
    this.emit();
    this.startNext();
    return ids;
  };

  /** Stops a queued or running job; it ends `cancelled`. Finished jobs are left as they are. */
  readonly cancel = (id: string): void => {
    const job = this.jobs.find((j) => j.id === id);
    if (!job || (job.state !== 'queued' && job.state !== 'hashing')) return;
    if (this.running?.id === id) this.stopRunning({ type: 'cancel', id });
    this.finish(id, { state: 'cancelled', bytesPerSecond: null, secondsLeft: null });
  };

  /** Cancels the job if it is still running and forgets it. */
  readonly remove = (id: string): void => {
    this.cancel(id);
    this.jobs = this.jobs.filter((j) => j.id !== id);
    this.emit();
  };

  /** Terminates any running workers (the page is going away); their job ends `cancelled`. */
  readonly dispose = (): void => {
    for (const job of this.jobs) if (job.state === 'queued' || job.state === 'hashing') this.cancel(job.id);
  };

  private startNext(): void {
    if (this.running) return;
    const job = this.jobs.find((j) => j.state === 'queued');
    const file = job && this.files.get(job.id);
    if (!job || !file) return;
    const running: Running = {
      id: job.id,
      workers: [],
      done: this.plan.map(() => 0),
      digests: {},
      finished: 0,
      startedAt: this.now(),
    };
    this.running = running;
    this.update(job.id, { state: 'hashing' });
    try {
      // The relay's ring: worker i sends on channel i and receives on channel i − 1 (the reader,
      // worker 0, on the last one, which brings its buffers back).
      const ring = this.readOnce && this.plan.length > 1 ? this.plan.map(() => new MessageChannel()) : undefined;
      this.plan.forEach((algorithms, index) => {
        const worker = this.createWorker();
        running.workers.push(worker);
        worker.onmessage = (event) => this.onMessage(running, index, event.data);
        worker.onerror = (event) => this.fail(running, 'WORKER_CRASHED', workerErrorMessage(event));
        worker.onmessageerror = () =>
          this.fail(running, 'WORKER_CRASHED', 'a message from the hashing worker was unreadable');
        if (!ring) {
          worker.postMessage({ type: 'start', id: job.id, file, algorithms });
          return;
        }
        const relay = {
          from: (ring[(index + ring.length - 1) % ring.length] as MessageChannel).port2,
          to: (ring[index] as MessageChannel).port1,
        };
        const request: HashWorkerRequest =
          index === 0
            ? { type: 'start', id: job.id, file, algorithms, relay }
            : { type: 'follow', id: job.id, totalBytes: file.size, algorithms, relay };
        worker.postMessage(request, [relay.from, relay.to]);
      });
    } catch (error) {
      // `new Worker` throws synchronously when workers are unavailable or blocked.
      this.fail(running, 'WORKER_CRASHED', error instanceof Error ? error.message : String(error));
    }
  }

  private onMessage(running: Running, index: number, message: HashWorkerResponse): void {
    if (this.running !== running || message.id !== running.id) return;
    if (message.type === 'progress') {
      running.done[index] = message.bytesDone;
      this.update(running.id, this.progress(running, message.totalBytes));
    } else if (message.type === 'done') {
      running.done[index] = message.totalBytes;
      Object.assign(running.digests, message.digests);
      running.finished++;
      if (running.finished < this.plan.length) {
        this.update(running.id, this.progress(running, message.totalBytes));
        return;
      }
      this.stopRunning();
      const elapsed = this.now() - running.startedAt;
      this.finish(running.id, {
        state: 'done',
        digests: { ...running.digests },
        bytesDone: message.totalBytes,
        totalBytes: message.totalBytes,
        percent: 100,
        bytesPerSecond: elapsed > 0 ? (message.totalBytes * 1000) / elapsed : null,
        secondsLeft: 0,
      });
    } else if (message.code === 'ABORTED') {
      this.stopRunning();
      this.finish(running.id, { state: 'cancelled', bytesPerSecond: null, secondsLeft: null });
    } else {
      this.fail(running, message.code, message.message);
    }
  }

  private progress(running: Running, totalBytes: number): Partial<FileHashJob> {
    const bytesDone = Math.min(...running.done);
    const now = this.now();
    running.rateFrom ??= { time: now, bytes: bytesDone };
    const window = now - running.rateFrom.time;
    const rate =
      window >= MIN_RATE_WINDOW_MS && bytesDone > running.rateFrom.bytes
        ? ((bytesDone - running.rateFrom.bytes) * 1000) / window
        : null;
    return {
      bytesDone,
      totalBytes,
      percent: totalBytes > 0 ? Math.min(99, Math.floor((bytesDone * 100) / totalBytes)) : 0,
      bytesPerSecond: rate,
      secondsLeft: rate ? (totalBytes - bytesDone) / rate : null,
    };
  }

  private fail(running: Running, code: HashWorkerErrorCode, message: string): void {
    if (this.running !== running) return;
    this.stopRunning();
    this.finish(running.id, { state: 'error', error: { code, message }, bytesPerSecond: null, secondsLeft: null });
  }

  /** Tells the workers to stop (when `cancel` is given) and terminates them: a cancel is certain. */
  private stopRunning(cancel?: HashWorkerRequest): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    for (const worker of running.workers) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.onmessageerror = null;
      if (cancel) {
        try {
          worker.postMessage(cancel);
        } catch {
          // A worker that cannot take the message is terminated below all the same.
        }
      }
      worker.terminate();
    }
  }

  private finish(id: string, patch: Partial<FileHashJob>): void {
    this.files.delete(id);
    this.update(id, patch);
    queueMicrotask(() => this.startNext());
  }

  private update(id: string, patch: Partial<FileHashJob>): void {
    this.jobs = this.jobs.map((job) => (job.id === id ? { ...job, ...patch } : job));
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function workerErrorMessage(event: ErrorEvent): string {
  // A worker that failed to load fires a plain Event with no message.
  const message = typeof event.message === 'string' ? event.message : '';
  return message || 'the hashing worker failed to start or stopped unexpectedly';
}
