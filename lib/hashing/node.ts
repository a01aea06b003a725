/**
 * NODE-ONLY ENTRY of `lib/hashing`. It imports `node:fs`, `node:stream` and `node:crypto`:
 * browser and Web Worker code must never import it (use `hashBlob` / `hashStream` from
 * `lib/hashing`). Server routes, scripts and the CLI use it.
 *
 * Files and upload bodies are hashed in one pass with OpenSSL (`node:crypto`), every algorithm fed
 * the same chunks, and the byte count returned beside the digests.
 *
 * @see https://csrc.nist.gov/pubs/fips/180-4/upd1/final
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm3-hash
 * @module
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import type { Algorithm } from './digests';
import { abortError, HashingError } from './errors';
import { createNodeHasher, type NodeHashResult } from './node-hasher';

export { createNodeHasher, NODE_NATIVE, type NodeHasher, type NodeHashResult } from './node-hasher';

export type HashNodeStreamOptions = {
  algorithms: Algorithm[];
  /** Called after each non-empty chunk with the bytes hashed so far; an empty input reports 0 once. */
  onProgress?: (bytesDone: number) => void;
  /** Aborting rejects with an `AbortError` and destroys the source (closing the file or request). */
  signal?: AbortSignal;
};
export type HashFileOptions = HashNodeStreamOptions;

/** 1 MiB reads: Node's 64 KiB default costs a callback and a hash call per 64 KiB. */
const FILE_READ_SIZE = 1024 * 1024;

/** Digests of the file at `path`, read once from start to end. */
export async function hashFile(path: string | URL, options: HashFileOptions): Promise<NodeHashResult> {
  if (typeof path !== 'string' && !(path instanceof URL)) {
    throw new HashingError('INVALID_ARGUMENT', 'path must be a string or a file: URL');
  }
  return hashNodeStream(createReadStream(path, { highWaterMark: FILE_READ_SIZE }), options);
}

/**
 * Digests of everything `source` yields: a Node `Readable` (a file, an `IncomingMessage`), any
 * async iterable of `Uint8Array`, or a web `ReadableStream` (a route handler's `request.body`).
 * Takes ownership of `source`: it is consumed to the end, or destroyed on abort or error.
 */
export async function hashNodeStream(
  source: Readable | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  options: HashNodeStreamOptions,
): Promise<NodeHashResult> {
  if (typeof options !== 'object' || options === null) {
    throw new HashingError('INVALID_ARGUMENT', 'options must be an object with an algorithms list');
  }
  const { algorithms, onProgress, signal } = options;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new HashingError('INVALID_ARGUMENT', 'onProgress must be a function');
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new HashingError('INVALID_ARGUMENT', 'signal must be an AbortSignal');
  }
  const input = toIterable(source);
  const hasher = await createNodeHasher(algorithms);
  const iterator = input[Symbol.asyncIterator]();

  // A stalled upload never settles `next()`, so the abort must win a race against it.
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      if (signal) reject(abortError(signal));
    };
  });
  aborted.catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) throw abortError(signal);
    for (;;) {
      const result = await Promise.race([iterator.next(), aborted]);
      if (result.done) break;
      if (!(result.value instanceof Uint8Array)) {
        throw new HashingError('INVALID_ARGUMENT', 'stream chunks must be Uint8Array (Buffer); got another type');
      }
      if (result.value.byteLength === 0) continue;
      hasher.update(result.value);
      onProgress?.(hasher.bytes);
    }
    if (hasher.bytes === 0) onProgress?.(0);
    return hasher.digest();
  } catch (error) {
    // Destroy first: a pending `next()` would make `return()` wait for data that may never come.
    // No error argument: nobody may be listening for 'error' yet, and the caller gets `error` here.
    if (input instanceof Readable) input.destroy();
    iterator.return?.().catch(() => {});
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

function toIterable(source: unknown): AsyncIterable<Uint8Array> {
  if (source instanceof Readable) return source;
  if (typeof source === 'object' && source !== null) {
    // The DOM lib's ReadableStream type lacks async iteration; Node's own type describes the same object.
    if ('getReader' in source) return Readable.fromWeb(source as NodeWebReadableStream<Uint8Array>);
    if (Symbol.asyncIterator in source) return source as AsyncIterable<Uint8Array>;
  }
  throw new HashingError(
    'INVALID_ARGUMENT',
    'source must be a Readable, a ReadableStream or an async iterable of bytes',
  );
}
