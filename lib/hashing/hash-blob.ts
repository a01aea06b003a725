/**
 * Digests of a `Blob` or `File` — the case the verification page and its Web Worker meet: the
 * user picks a file, the worker calls `hashBlob(file, { onProgress })` and posts progress back.
 *
 * @module
 */
import type { Digests } from './digests';
import { HashingError } from './errors';
import { type ChunkRelay, type HashStreamOptions, hashStreamRelayed } from './hash-stream';

export type HashBlobOptions = Omit<HashStreamOptions, 'onProgress'> & {
  /** As `HashStreamOptions.onProgress`, with the blob's size so a caller can show a percentage. */
  onProgress?: (bytesDone: number, totalBytes: number) => void;
};

/**
 * Hashes `blob` through `blob.stream()`, a byte stream, so it is read into one reused buffer.
 *
 * Fails with `SIZE_MISMATCH` when the stream yields a different number of bytes than `blob.size`:
 * a `File` backed by a disk file that was modified while it was read must not get a digest that
 * belongs to neither version.
 */
export function hashBlob(blob: Blob, options: HashBlobOptions): Promise<Digests> {
  return hashBlobRelayed(blob, options);
}

/** INTERNAL: `hashBlob`, handing each chunk to `relay` once it is hashed (`relay.ts`). */
export async function hashBlobRelayed(blob: Blob, options: HashBlobOptions, relay?: ChunkRelay): Promise<Digests> {
  if (typeof blob !== 'object' || blob === null || typeof blob.stream !== 'function' || typeof blob.size !== 'number') {
    throw new HashingError('INVALID_ARGUMENT', 'blob must be a Blob or File');
  }
  return hashSizedStream(blob.stream(), blob.size, options, relay);
}

/**
 * INTERNAL: hashes `stream`, which should yield `totalBytes` bytes, and fails with
 * `SIZE_MISMATCH` if it yields a different number (`hashBlob`, and in `relay.ts` a worker
 * hashing the chunks another worker read).
 */
export async function hashSizedStream(
  stream: ReadableStream<Uint8Array>,
  totalBytes: number,
  options: HashBlobOptions,
  relay?: ChunkRelay,
): Promise<Digests> {
  if (typeof options !== 'object' || options === null) {
    throw new HashingError('INVALID_ARGUMENT', 'options must be an object with an algorithms list');
  }
  const { onProgress } = options;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new HashingError('INVALID_ARGUMENT', 'onProgress must be a function');
  }
  let bytesRead = 0;
  const digests = await hashStreamRelayed(
    stream,
    {
      ...options,
      onProgress: (bytesDone) => {
        bytesRead = bytesDone;
        onProgress?.(bytesDone, totalBytes);
      },
    },
    relay,
  );
  if (bytesRead !== totalBytes) {
    throw new HashingError(
      'SIZE_MISMATCH',
      `read ${bytesRead} bytes but the file's size is ${totalBytes}; it changed while it was read, choose it again`,
    );
  }
  return digests;
}
