import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Algorithm } from './digests';
import { isHashingError } from './errors';
import { hashBlob } from './hash-blob';
import { hashStream } from './hash-stream';
import { hashingError, loadDigestVectors, referenceDigests } from './hashing.testing';

const BOTH: Algorithm[] = ['sha256', 'sm3'];
const CHUNK = 64 * 1024;
const SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 20 * 1024 * 1024 + 7];

/** A default (non-byte) stream yielding `bytes` in pieces whose sizes cycle through `pieces`. */
function pieceStream(bytes: Uint8Array, pieces = [1, 1000, 65_537, 7]) {
  let offset = 0;
  let i = 0;
  const cancel = vi.fn();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const size = pieces[i++ % pieces.length] ?? 1;
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
    cancel,
  });
  return { stream, cancel };
}

/** A byte stream that fills BYOB requests from `bytes` and records each request's size. */
function byteStream(bytes: Uint8Array) {
  let offset = 0;
  const requested: number[] = [];
  const cancel = vi.fn();
  const stream = new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const request = controller.byobRequest;
      if (!request?.view) throw new Error('expected a BYOB read');
      requested.push(request.view.byteLength);
      if (offset >= bytes.length) {
        controller.close();
        return request.respond(0);
      }
      const n = Math.min(request.view.byteLength, bytes.length - offset, 40_000);
      new Uint8Array(request.view.buffer, request.view.byteOffset, n).set(bytes.subarray(offset, offset + n));
      offset += n;
      request.respond(n);
    },
    cancel,
  });
  return { stream: stream as ReadableStream<Uint8Array>, requested, cancel };
}

/** A stream that yields one chunk, then never produces data again until cancelled. */
function stallingStream(type?: 'bytes') {
  const cancel = vi.fn();
  let sent = false;
  const stream = new ReadableStream({
    type,
    pull(controller) {
      if (sent) return new Promise<void>(() => {});
      sent = true;
      controller.enqueue(new Uint8Array(1000));
    },
    cancel,
  } as UnderlyingDefaultSource<Uint8Array>);
  return { stream: stream as ReadableStream<Uint8Array>, cancel };
}

describe('hashStream: known answers', () => {
  for (const vector of loadDigestVectors()) {
    it(`${vector.name} through Blob.stream() and hashBlob`, async () => {
      const blob = new Blob([vector.bytes]);
      expect(await hashStream(blob.stream(), { algorithms: BOTH, chunkSize: CHUNK })).toEqual(vector.digests);
      expect(await hashBlob(blob, { algorithms: BOTH })).toEqual(vector.digests);
    });

    it(`${vector.name} through a non-byte ReadableStream`, async () => {
      expect(await hashStream(pieceStream(vector.bytes).stream, { algorithms: BOTH })).toEqual(vector.digests);
    });
  }
});

describe('hashStream: random data against node:crypto', () => {
  for (const size of SIZES) {
    it(`${size} bytes through a Blob, a byte stream and a non-byte stream`, async () => {
      const bytes = randomBytes(size);
      const expected = referenceDigests(bytes);
      const options = { algorithms: BOTH, chunkSize: CHUNK };
      expect(await hashStream(new Blob([bytes]).stream(), options)).toEqual(expected);
      expect(await hashStream(pieceStream(bytes).stream, options)).toEqual(expected);
      const bytesSource = byteStream(bytes);
      expect(await hashStream(bytesSource.stream, options)).toEqual(expected);
      // One buffer of chunkSize, handed back and forth: every read offers all of it.
      expect(new Set(bytesSource.requested)).toEqual(new Set([CHUNK]));
    });
  }

  it('hashes concurrent streams independently (pooled hashers are never shared)', async () => {
    const inputs = [randomBytes(300_000), randomBytes(5), randomBytes(0), randomBytes(200_001)];
    const results = await Promise.all(inputs.map((b) => hashStream(pieceStream(b).stream, { algorithms: BOTH })));
    expect(results).toEqual(inputs.map((b) => referenceDigests(b)));
  });

  it('computes only the algorithms asked for', async () => {
    const bytes = randomBytes(1000);
    expect(await hashStream(new Blob([bytes]).stream(), { algorithms: ['sm3'] })).toEqual(
      referenceDigests(bytes, ['sm3']),
    );
  });
});

describe('hashStream: progress', () => {
  it('reports strictly increasing byte counts ending at the total', async () => {
    const bytes = randomBytes(3 * CHUNK + 123);
    for (const stream of [new Blob([bytes]).stream(), pieceStream(bytes).stream, byteStream(bytes).stream]) {
      const seen: number[] = [];
      await hashStream(stream, { algorithms: BOTH, chunkSize: CHUNK, onProgress: (n) => seen.push(n) });
      expect(seen.length).toBeGreaterThan(1);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1] ?? 0);
      expect(seen.at(-1)).toBe(bytes.length);
    }
  });

  it('reports 0 once for an empty input', async () => {
    const seen: number[] = [];
    await hashStream(new Blob([]).stream(), { algorithms: BOTH, onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([0]);
  });

  it('hashBlob reports the blob size as the total', async () => {
    const blob = new Blob([randomBytes(2 * CHUNK + 1)]);
    const seen: [number, number][] = [];
    await hashBlob(blob, { algorithms: BOTH, chunkSize: CHUNK, onProgress: (n, total) => seen.push([n, total]) });
    expect(seen.at(-1)).toEqual([blob.size, blob.size]);
    expect(seen.every(([, total]) => total === blob.size)).toBe(true);
  });
});

describe('hashStream: abort and errors', () => {
  for (const type of [undefined, 'bytes'] as const) {
    it(`rejects with AbortError and cancels a stalled ${type ?? 'default'} stream`, async () => {
      const { stream, cancel } = stallingStream(type);
      const controller = new AbortController();
      const hashing = hashStream(stream, {
        algorithms: BOTH,
        signal: controller.signal,
        onProgress: () => setTimeout(() => controller.abort(), 10),
      });
      await expect(hashing).rejects.toMatchObject({ name: 'AbortError' });
      expect(cancel).toHaveBeenCalledTimes(1);
      expect(cancel.mock.calls[0]?.[0]).toMatchObject({ name: 'AbortError' });
    });
  }

  it('stops a flowing stream mid-way and cancels it', async () => {
    const { stream, cancel } = pieceStream(randomBytes(10 * CHUNK), [CHUNK]);
    const controller = new AbortController();
    const seen: number[] = [];
    const hashing = hashStream(stream, {
      algorithms: BOTH,
      signal: controller.signal,
      onProgress: (n) => {
        seen.push(n);
        if (n >= 2 * CHUNK) controller.abort();
      },
    });
    await expect(hashing).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(seen.at(-1)).toBe(2 * CHUNK);
  });

  it('cancels the stream when the signal is already aborted, naming the error AbortError whatever the reason', async () => {
    const { stream, cancel } = pieceStream(randomBytes(10));
    const signal = AbortSignal.abort(new Error('user closed the tab'));
    await expect(hashStream(stream, { algorithms: BOTH, signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('rejects with the error of a failing source', async () => {
    const failure = new Error('disk read failed');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(10));
        controller.error(failure);
      },
    });
    await expect(hashStream(stream, { algorithms: BOTH })).rejects.toBe(failure);
  });

  it('rejects a chunk that is not a Uint8Array and cancels the stream', async () => {
    const cancel = vi.fn();
    const stream = new ReadableStream({ pull: (c) => c.enqueue('text'), cancel });
    await expect(hashStream(stream as unknown as ReadableStream<Uint8Array>, { algorithms: BOTH })).rejects.toEqual(
      hashingError('INVALID_ARGUMENT', 'stream chunks must be Uint8Array; got another type'),
    );
    expect(cancel).toHaveBeenCalledTimes(1);
  });
});

describe('hashStream and hashBlob: input checks', () => {
  it('rejects bad options with exact messages', async () => {
    const stream = () => new Blob([]).stream();
    await expect(hashStream(stream(), { algorithms: [] })).rejects.toEqual(
      hashingError('INVALID_ARGUMENT', 'algorithms must be a non-empty array of sha256, sm3'),
    );
    for (const chunkSize of [0, -1, 1.5, 64 * 1024 * 1024 + 1, Number.NaN]) {
      await expect(hashStream(stream(), { algorithms: BOTH, chunkSize })).rejects.toEqual(
        hashingError('INVALID_ARGUMENT', `chunkSize must be an integer from 1 to 67108864 bytes, got ${chunkSize}`),
      );
    }
    await expect(hashStream({} as ReadableStream<Uint8Array>, { algorithms: BOTH })).rejects.toEqual(
      hashingError('INVALID_ARGUMENT', 'stream must be a ReadableStream of Uint8Array chunks'),
    );
  });

  it('refuses a locked stream', async () => {
    const stream = new Blob([]).stream();
    stream.getReader();
    await expect(hashStream(stream, { algorithms: BOTH })).rejects.toEqual(
      hashingError('INVALID_ARGUMENT', 'stream is locked by another reader; pass an unread stream'),
    );
  });

  it('hashBlob fails with SIZE_MISMATCH when the bytes read differ from the size', async () => {
    const changed = { size: 10, stream: () => new Blob([new Uint8Array(3)]).stream() } as Blob;
    await expect(hashBlob(changed, { algorithms: BOTH })).rejects.toSatisfy((error) =>
      isHashingError(error, 'SIZE_MISMATCH'),
    );
    await expect(hashBlob('file' as unknown as Blob, { algorithms: BOTH })).rejects.toEqual(
      hashingError('INVALID_ARGUMENT', 'blob must be a Blob or File'),
    );
  });
});
