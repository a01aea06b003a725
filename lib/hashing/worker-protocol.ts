/**
 * The messages between the page and the hashing Web Worker (`hash.worker.ts`), and the pure
 * helpers both sides share: mapping a failure to an error code, and throttling progress.
 *
 * Page → worker: `start` (a `File`/`Blob` is structured-cloned by reference, never copied into
 * the message), `follow` (hash what another worker reads, `relay.ts`) and `cancel`. Worker → page:
 * `progress` (at most every `PROGRESS_INTERVAL_MS`, plus the final count), then exactly one of
 * `done` or `error` per started id. Worker → worker, over the ports the page gave both: `RelayMessage`.
 *
 * @see https://html.spec.whatwg.org/multipage/workers.html#dedicated-workers-and-the-worker-interface
 * @module
 */
import type { Algorithm, Digests } from './digests';
import { isHashingError } from './errors';

/** At most ten progress messages a second: enough for a smooth bar, cheap for the page. */
export const PROGRESS_INTERVAL_MS = 100;

export type HashWorkerRequest =
  /** Read `file` and hash it; with `relay`, hand each chunk on to the next worker (`relay.ts`). */
  | { type: 'start'; id: string; file: Blob; algorithms: Algorithm[]; relay?: RelayPorts }
  /** Hash the chunks of a `totalBytes`-byte file that another worker reads and relays. */
  | { type: 'follow'; id: string; totalBytes: number; algorithms: Algorithm[]; relay: RelayPorts }
  | { type: 'cancel'; id: string };

/** One worker's two ports in the ring of a relayed job: chunks arrive on `from`, leave on `to`. */
export interface RelayPorts {
  from: MessagePort;
  to: MessagePort;
}

/** Between workers, over `RelayPorts` (`relay.ts`); a chunk's buffer is transferred. */
export type RelayMessage =
  | { type: 'chunk'; buffer: ArrayBuffer; offset: number; length: number }
  | { type: 'end' }
  | { type: 'error'; code: HashWorkerErrorCode; message: string };

export const HASH_WORKER_ERROR_CODES = [
  /** The job was cancelled (an `AbortError`). */
  'ABORTED',
  /** The browser could not read the file: it was moved, deleted or permission was withdrawn. */
  'NOT_READABLE',
  /** The file's size changed while it was read (`HashingError` SIZE_MISMATCH). */
  'SIZE_MISMATCH',
  /** The request itself was wrong (a programming error). */
  'INVALID_ARGUMENT',
  /** The worker script failed to load or crashed (set by the page from the worker's `error` event). */
  'WORKER_CRASHED',
  /** Anything else; the message says what. */
  'UNKNOWN',
] as const;

export type HashWorkerErrorCode = (typeof HASH_WORKER_ERROR_CODES)[number];

export type HashWorkerResponse =
  | { type: 'progress'; id: string; bytesDone: number; totalBytes: number }
  | { type: 'done'; id: string; digests: Digests; totalBytes: number }
  | { type: 'error'; id: string; code: HashWorkerErrorCode; message: string };

/** A follower's failure that is the reading worker's: it carries that worker's code and message. */
export class RelayedError extends Error {
  readonly code: HashWorkerErrorCode;

  constructor(code: HashWorkerErrorCode, message: string) {
    super(message);
    this.name = 'RelayedError';
    this.code = code;
  }
}

/** The code and message a failed hash is reported with; never throws, whatever `error` is. */
export function describeHashFailure(error: unknown): { code: HashWorkerErrorCode; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RelayedError) return { code: error.code, message };
  if (error instanceof Error && error.name === 'AbortError') return { code: 'ABORTED', message };
  if (isHashingError(error, 'SIZE_MISMATCH')) return { code: 'SIZE_MISMATCH', message };
  if (isHashingError(error, 'INVALID_ARGUMENT')) return { code: 'INVALID_ARGUMENT', message };
  // Chromium rejects reads of a vanished or changed file with NotReadableError / NotFoundError.
  if (error instanceof Error && (error.name === 'NotReadableError' || error.name === 'NotFoundError')) {
    return { code: 'NOT_READABLE', message };
  }
  return { code: 'UNKNOWN', message };
}

/**
 * A progress reporter that passes a call on only if `intervalMs` has passed since the last one it
 * passed on, or if it is the final count (done === total), so the page always sees 100 %.
 */
export function throttleProgress(
  report: (bytesDone: number, totalBytes: number) => void,
  intervalMs = PROGRESS_INTERVAL_MS,
  now: () => number = () => performance.now(),
): (bytesDone: number, totalBytes: number) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (bytesDone, totalBytes) => {
    const time = now();
    if (bytesDone !== totalBytes && time - last < intervalMs) return;
    last = time;
    report(bytesDone, totalBytes);
  };
}
