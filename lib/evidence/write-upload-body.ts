import 'server-only';
/**
 * Writes a PATCH body into its part file at `position` and hashes it (SHA-256 and SM3), one
 * chunk at a time. Each chunk's write goes to libuv's thread pool while this thread hashes the
 * same chunk, so the disk and the hashes overlap instead of taking turns; the next write is
 * issued only when the previous one finished (at most two chunks in memory, and a slow disk
 * still slows the socket down).
 *
 * The hash state may run one chunk ahead of the file while its write is in flight; a write that
 * fails makes the caller undo the whole request (file truncated, hashes restored from a copy), so
 * after every outcome the state covers exactly the bytes in the file.
 */
import type { FileHandle } from 'node:fs/promises';
import type { HashState } from './hash-state';

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
  let written = 0;
  let pending: Promise<void> | undefined;
  // Every return first waits for the write in flight: the caller may truncate the file next.
  const settle = async (): Promise<{ error: unknown } | undefined> => {
    const write = pending;
    pending = undefined;
    return write?.then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
  };
  for (;;) {
    const next = await nextWithin(chunks, options.idleMs);
    if (next.kind !== 'chunk') {
      // Not awaited: an async generator (a Node stream's iterator) runs `return` only after its
      // pending `next`, which a silent client never answers.
      if (next.kind === 'idle') void stop();
      const failed = await settle();
      if (failed) return { kind: 'write_failed', error: failed.error };
      if (next.kind === 'error') return { kind: 'cut_off', written };
      if (next.kind === 'idle') return { kind: 'idle', written };
      return { kind: 'done', written };
    }
    const chunk = next.chunk;
    const failed = await settle();
    const refused: WriteOutcome | undefined = failed
      ? { kind: 'write_failed', error: failed.error }
      : written + chunk.byteLength > options.room
        ? { kind: 'too_long' }
        : !options.mayWrite()
          ? { kind: 'lease_lost' }
          : undefined;
    if (refused) {
      await stop();
      return refused;
    }
    pending = writeAll(part, chunk, options.position + written);
    // Read by settle(); this keeps a failure from counting as unhandled while the chunk is hashed.
    pending.catch(() => {});
    state.sha256.update(chunk);
    state.sm3.update(chunk);
    state.bytes += chunk.byteLength;
    written += chunk.byteLength;
  }
}

async function writeAll(part: FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < chunk.byteLength) {
    const { bytesWritten } = await part.write(chunk, done, chunk.byteLength - done, position + done);
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
