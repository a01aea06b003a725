/**
 * Test support for lib/evidence (never imported by code): a litigant with an open case, random
 * files with their digests, and request bodies that arrive in chunks or break off.
 */
import { createHash, randomBytes } from 'node:crypto';
import { buildCase, buildCourt, buildUser } from '@/test/builders';
import type { CreateUploadOptions } from './create-upload';

export async function buildUploader() {
  const court = await buildCourt();
  const { actor } = await buildUser({ role: 'litigant' });
  const kase = await buildCase(court.id, [{ userId: actor.id, role: 'plaintiff' }]);
  return { actor, caseId: kase.id, courtId: court.id };
}

export function digestsOf(bytes: Uint8Array): { sha256: string; sm3: string } {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  };
}

export function randomFile(size: number): { bytes: Buffer; declare: CreateUploadOptions } {
  const bytes = randomBytes(size);
  return {
    bytes,
    declare: { fileName: 'exhibit.bin', mediaType: 'application/octet-stream', size, ...digestsOf(bytes) },
  };
}

/** `bytes` as a request body in chunks of `chunkSize` (an async iterable, like a Node request). */
export async function* chunked(bytes: Uint8Array, chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
}

/** A body that delivers the first `cutAt` bytes and then fails, like a dropped connection. */
export async function* cutOff(bytes: Uint8Array, cutAt: number, chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  yield* chunked(bytes.subarray(0, cutAt), chunkSize);
  throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
}

/** `bytes` as a web ReadableStream (what a route handler's request.body is). */
export function webStream(bytes: Uint8Array, chunkSize = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

/**
 * A body that sends `bytes` and then stalls, like a slow or stuck client: `pulled` resolves once
 * the server has asked for more than `bytes` (it is waiting on the client), `finish()` sends the
 * end, and a server that gives up (`return()`) ends it too (`cancelled` resolves).
 */
export function stallingBody(bytes: Uint8Array) {
  let sent = false;
  let onPulled: () => void = () => {};
  let onEnd: (result: IteratorResult<Uint8Array>) => void = () => {};
  let onCancelled: () => void = () => {};
  const pulled = new Promise<void>((resolve) => {
    onPulled = resolve;
  });
  const cancelled = new Promise<void>((resolve) => {
    onCancelled = resolve;
  });
  const ended = new Promise<IteratorResult<Uint8Array>>((resolve) => {
    onEnd = resolve;
  });
  const iterator: AsyncIterator<Uint8Array> = {
    next: async () => {
      if (!sent && bytes.byteLength > 0) {
        sent = true;
        return { done: false, value: bytes };
      }
      onPulled();
      return ended;
    },
    return: async () => {
      onCancelled();
      onEnd({ done: true, value: undefined });
      return { done: true, value: undefined };
    },
  };
  return {
    body: { [Symbol.asyncIterator]: () => iterator } as AsyncIterable<Uint8Array>,
    pulled,
    cancelled,
    finish: () => onEnd({ done: true, value: undefined }),
  };
}
