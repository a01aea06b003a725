/**
 * Streaming SHA-256 (FIPS 180-4) and SM3 (GB/T 32905-2016) of a WHATWG `ReadableStream` of any
 * size, in one pass, with every algorithm fed the same chunks. Runs wherever WebAssembly and web
 * streams do: the browser, a module Web Worker (`hashStream(file.stream(), …)`), Node and the CLI.
 *
 * Memory stays flat: a byte stream (e.g. `Blob.stream()`) is read with a BYOB reader into one
 * reused buffer of `chunkSize`; other streams are read chunk by chunk and each chunk is dropped
 * once hashed. The input is never collected.
 *
 * @see https://csrc.nist.gov/pubs/fips/180-4/upd1/final
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm3-hash
 * @see https://streams.spec.whatwg.org/#byob-reader-class
 * @module
 */
import { type Algorithm, assertAlgorithms, bytesToHex, type Digests } from './digests';
import { abortError, HashingError } from './errors';
import { acquireHasher, releaseHasher } from './hasher-pool';
import type { WasmHasher } from './wasm/wasm-hasher';

/** 4 MiB: large enough that per-read overhead vanishes, small enough for a phone's memory. */
export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
/** Larger reads buy nothing and only raise peak memory. */
export const MAX_CHUNK_SIZE = 64 * 1024 * 1024;

export type HashStreamOptions = {
  algorithms: Algorithm[];
  /**
   * Called after each chunk with the bytes hashed so far (strictly increasing, the last call is
   * the total; an empty input reports 0 once). Called per chunk: a worker should throttle what
   * it posts to the page.
   */
  onProgress?: (bytesDone: number) => void;
  /** Aborting rejects with an `AbortError` and cancels the stream. */
  signal?: AbortSignal;
  /** Bytes per BYOB read; ignored for streams that are not byte streams. */
  chunkSize?: number;
};

/**
 * INTERNAL (`relay.ts`): hands each chunk on once it is hashed, so a second worker hashes the same
 * bytes without reading the file again. The chunk's buffer then belongs to the relay, so reads go
 * into buffers the relay provides.
 */
export interface ChunkRelay {
  /** Takes `chunk` once every hasher here has been fed it; its buffer is the relay's from then on. */
  forward(chunk: Uint8Array): void;
  /**
   * A buffer for the next read; waits while every buffer is out with other workers, which bounds
   * the chunks in flight (and so memory) whoever allocated them.
   */
  nextBuffer(chunkSize: number): Promise<ArrayBuffer>;
}

type NextChunk = () => Promise<Uint8Array | undefined>;
type Reader = {
  next: NextChunk;
  reader: ReadableStreamBYOBReader | ReadableStreamDefaultReader<Uint8Array>;
  /** Whether the chunks' buffers are ours (BYOB reads), so a relay may take them as they are. */
  ownsBuffers: boolean;
};

/**
 * Once its arguments pass their checks, takes ownership of `stream`: it is read to the end, or
 * cancelled on abort or error. Resolves with the lowercase hex digest of each requested algorithm.
 */
export function hashStream(stream: ReadableStream<Uint8Array>, options: HashStreamOptions): Promise<Digests> {
  return hashStreamRelayed(stream, options);
}

/** INTERNAL: `hashStream`, handing each chunk to `relay` once it is hashed (`relay.ts`). */
export async function hashStreamRelayed(
  stream: ReadableStream<Uint8Array>,
  options: HashStreamOptions,
  relay?: ChunkRelay,
): Promise<Digests> {
  if (typeof stream !== 'object' || stream === null || typeof stream.getReader !== 'function') {
    throw new HashingError('INVALID_ARGUMENT', 'stream must be a ReadableStream of Uint8Array chunks');
  }
  const { algorithms, onProgress, signal, chunkSize } = checkOptions(options);
  if (stream.locked) {
    throw new HashingError('INVALID_ARGUMENT', 'stream is locked by another reader; pass an unread stream');
  }

  const { next, reader, ownsBuffers } = openReader(stream, chunkSize, relay);
  // A pending read only settles when the source produces data; cancelling settles it at once.
  const onAbort = () => {
    if (signal) reader.cancel(abortError(signal)).catch(ignore);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const hashers: WasmHasher[] = [];
  try {
    if (signal?.aborted) throw abortError(signal);
    for (const algorithm of algorithms) hashers.push(await acquireHasher(algorithm));
    let bytesDone = 0;
    for (let chunk = await next(); chunk !== undefined; chunk = await next()) {
      if (signal?.aborted) break;
      const length = chunk.byteLength;
      for (const hasher of hashers) hasher.update(chunk);
      // Even an empty chunk goes on: its buffer is one of the relay's. Forwarding may detach it. A
      // default stream's chunk may share its buffer with other data: a copy goes on instead.
      relay?.forward(ownsBuffers ? chunk : new Uint8Array(chunk));
      if (length === 0) continue;
      bytesDone += length;
      onProgress?.(bytesDone);
    }
    if (signal?.aborted) throw abortError(signal);
    if (bytesDone === 0) onProgress?.(0);
    const digests: Digests = {};
    for (const hasher of hashers) digests[hasher.algorithm] = bytesToHex(hasher.digest());
    return digests;
  } catch (error) {
    await reader.cancel(error).catch(ignore);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
    for (const hasher of hashers) releaseHasher(hasher);
  }
}

/** A cancel that fails (the stream already errored) changes nothing about the outcome. */
function ignore(): void {}

function checkOptions(options: HashStreamOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new HashingError('INVALID_ARGUMENT', 'options must be an object with an algorithms list');
  }
  const algorithms = assertAlgorithms(options.algorithms);
  const { onProgress, signal, chunkSize = DEFAULT_CHUNK_SIZE } = options;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new HashingError('INVALID_ARGUMENT', 'onProgress must be a function');
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new HashingError('INVALID_ARGUMENT', 'signal must be an AbortSignal');
  }
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw new HashingError(
      'INVALID_ARGUMENT',
      `chunkSize must be an integer from 1 to ${MAX_CHUNK_SIZE} bytes, got ${String(chunkSize)}`,
    );
  }
  return { algorithms, onProgress, signal, chunkSize };
}

function openReader(stream: ReadableStream<Uint8Array>, chunkSize: number, relay?: ChunkRelay): Reader {
  let byob: ReadableStreamBYOBReader;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream (TypeError by the Streams spec): read the chunks as they come.
    return openDefaultReader(stream, relay);
  }
  // Each read transfers the buffer into the stream and hands it back in the result's view, so
  // the next read must use that view's buffer; the one passed in is detached by then. With a
  // relay that buffer went on with the chunk, and the relay provides the next.
  let buffer: ArrayBufferLike | undefined = relay ? undefined : new ArrayBuffer(chunkSize);
  const next: NextChunk = async () => {
    const target = buffer ?? (await (relay as ChunkRelay).nextBuffer(chunkSize));
    const { done, value } = await byob.read(new Uint8Array(target, 0, target.byteLength));
    if (value && !relay) buffer = value.buffer;
    return done ? undefined : value;
  };
  return { next, reader: byob, ownsBuffers: true };
}

function openDefaultReader(stream: ReadableStream<Uint8Array>, relay?: ChunkRelay): Reader {
  const reader = stream.getReader();
  const next: NextChunk = async () => {
    // The stream brings its own buffers; waiting for one of the relay's (size 0, dropped) still
    // holds the reading back while too many chunks are out with other workers.
    if (relay) await relay.nextBuffer(0);
    const { done, value } = await reader.read();
    if (done) return undefined;
    if (!(value instanceof Uint8Array)) {
      throw new HashingError('INVALID_ARGUMENT', 'stream chunks must be Uint8Array; got another type');
    }
    return value;
  };
  return { next, reader, ownsBuffers: false };
}
