import 'server-only';
/**
 * Writes a PATCH body into its part file at `position` and hashes it (SHA-256 here, SM3 in a
 * worker thread: off-thread-sm3.ts). Writes go to libuv's thread pool while this thread hashes
 * and reads the next chunks, so the disk and the hashes overlap instead of taking turns; chunks
 * that arrive during a write go out together in the next (writev). Memory: at most MAX_BACKLOG
 * bytes waiting for the disk (then the body is not read until it catches up, so a slow disk slows
 * the socket down).
 *
 * The hash state may run ahead of the file while writes are in flight; every outcome waits for
 * them, and a write that fails makes the caller undo the whole request (file truncated, hashes
 * restored from a copy), so after every outcome the state covers exactly the bytes in the file.
 */
import type { FileHandle } from 'node:fs/promises';
import type { HashState } from './hash-state';
import { MAX_SM3_BACKLOG } from './off-thread-sm3';

export type UploadBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface WriteUploadBodyOptions {
  /** At most this many bytes are taken; more is `too_long`. */
  room: number;
  /** Where in the part file the body's first byte goes. */
  position: number;
  /** No chunk for this long: the body is ended (`idle`), what arrived is kept. */
  idleMs: number;
  /** Asked before each write: false when this request may no longer write (its lease is lost). */
  mayWrite: () => boolean;
}

export type WriteOutcome =
  | { kind: 'done'; written: number }
  /** The body stopped with an error (the client went away): `written` bytes are in the file. */
  | { kind: 'cut_off'; written: number }
  /** The client sent nothing for `idleMs`: `written` bytes are in the file, the body was cancelled. */
  | { kind: 'idle'; written: number }
  | { kind: 'too_long' }
  | { kind: 'lease_lost' }
  | { kind: 'write_failed'; error: unknown };

export async function writeUploadBody(
  part: FileHandle,
  state: HashState,
  body: UploadBody | null,
  options: WriteUploadBodyOptions,
): Promise<WriteOutcome> {
  if (!body) return { kind: 'done', written: 0 };
  const chunks = iterate(body);
  const stop = () => chunks.return?.().catch(() => {});
  const writer = new BatchWriter(part, options.position);
  let written = 0;
  for (;;) {
    const next = await nextWithin(chunks, options.idleMs);
    if (next.kind !== 'chunk') {
      // The body's last bytes go to SM3's worker now rather than with the next request's.
      state.sm3.flush();
      // Not awaited: an async generator (a Node stream's iterator) runs `return` only after its
      // pending `next`, which a silent client never answers.
      if (next.kind === 'idle') void stop();
      // Every return first waits for the writes in flight: the caller may truncate the file next.
      const error = await writer.drain();
      if (error) return { kind: 'write_failed', error: error.cause };
      if (next.kind === 'error') return { kind: 'cut_off', written };
      if (next.kind === 'idle') return { kind: 'idle', written };
      return { kind: 'done', written };
    }
    const chunk = next.chunk;
    const refused: WriteOutcome | undefined = writer.failed
      ? { kind: 'write_failed', error: writer.failed.cause }
      : written + chunk.byteLength > options.room
        ? { kind: 'too_long' }
        : !options.mayWrite()
          ? { kind: 'lease_lost' }
          : undefined;
    if (refused) {
      await stop();
      const error = await writer.drain();
      return error && refused.kind !== 'write_failed' ? { kind: 'write_failed', error: error.cause } : refused;
    }
    writer.push(chunk);
    state.sha256.update(chunk);
    state.sm3.update(chunk);
    state.bytes += chunk.byteLength;
    written += chunk.byteLength;
    // A disk slower than the client: stop reading (the socket slows down) until it catches up.
    if (writer.backlog > MAX_BACKLOG) await writer.settled();
    // The same for SM3's worker thread (off-thread-sm3.ts).
    if (state.sm3.backlog > MAX_SM3_BACKLOG) await state.sm3.caughtUp();
  }
}

/** Bytes received but not yet handed to the disk beyond which the body is no longer read. */
const MAX_BACKLOG = 4 * 1024 * 1024;

/**
 * Positional writes of the chunks in order, one batch in flight at a time: chunks that arrive
 * while a write is in flight go out together in the next one (writev), as fs.WriteStream does,
 * so the number of trips to the thread pool does not grow with the number of socket reads.
 */
class BatchWriter {
  private queue: Uint8Array[] = [];
  private queued = 0;
  private inflight: Promise<void> | undefined;
  failed: { cause: unknown } | undefined;

  constructor(
    private readonly part: FileHandle,
    private position: number,
  ) {}

  get backlog(): number {
    return this.queued;
  }

  push(chunk: Uint8Array): void {
    this.queue.push(chunk);
    this.queued += chunk.byteLength;
    if (!this.inflight) this.kick();
  }

  /** Resolves when the batch in flight has been written (or failed). */
  async settled(): Promise<void> {
    await this.inflight;
  }

  /** Waits until everything pushed is written; the failure, if one happened. */
  async drain(): Promise<{ cause: unknown } | undefined> {
    while (this.inflight) await this.inflight;
    return this.failed;
  }

  private kick(): void {
    const buffers = this.queue;
    const at = this.position;
    this.position += this.queued;
    this.queue = [];
    this.queued = 0;
    this.inflight = writeAll(this.part, buffers, at).then(
      () => {
        this.inflight = undefined;
        if (this.queue.length > 0 && !this.failed) this.kick();
      },
      (cause: unknown) => {
        this.failed = { cause };
        this.inflight = undefined;
      },
    );
  }
}

async function writeAll(part: FileHandle, buffers: Uint8Array[], position: number): Promise<void> {
  const total = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  let done = (await part.writev(buffers, position)).bytesWritten;
  if (done === total) return;
  // A short write (rare on a regular file): the rest in one buffer, until all of it is written.
  const rest = Buffer.concat(buffers).subarray(done);
  let offset = 0;
  while (offset < rest.byteLength) {
    const { bytesWritten } = await part.write(rest, offset, rest.byteLength - offset, position + done);
    offset += bytesWritten;
    done += bytesWritten;
  }
}

type Next = { kind: 'chunk'; chunk: Uint8Array } | { kind: 'end' } | { kind: 'error' } | { kind: 'idle' };

/** The body's next chunk, or `idle` when none came within `idleMs`. */
function nextWithin(chunks: AsyncIterator<Uint8Array>, idleMs: number): Promise<Next> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'idle' }), idleMs);
    chunks.next().then(
      (next) => {
        clearTimeout(timer);
        resolve(next.done ? { kind: 'end' } : { kind: 'chunk', chunk: next.value });
      },
      () => {
        clearTimeout(timer);
        resolve({ kind: 'error' });
      },
    );
  });
}

function iterate(body: UploadBody): AsyncIterator<Uint8Array> {
  if ('getReader' in body) {
    const reader = body.getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      return: async () => {
        await reader.cancel();
        return { done: true, value: undefined };
      },
    };
  }
  return body[Symbol.asyncIterator]();
}
