/**
 * Reading once for several workers (`relay.ts`), with the workers' ends in one thread joined by
 * real `MessageChannel`s as the page joins them: the digests, a ring of three, memory held to
 * `buffers` chunks while a follower stalls, and every way a job ends (the reader's failures
 * reaching the followers with the same code and message, aborts, a short stream).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Algorithm, Digests } from './digests';
import { hashingError, referenceDigests } from './hashing.testing';
import { hashBlobAndRelay, hashRelayedChunks, RELAY_BUFFERS } from './relay';
import type { RelayMessage, RelayPorts } from './worker-protocol';

const CHUNK = 64 * 1024;
const channels: MessageChannel[] = [];

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

/** The page's ring for `members` workers: member i sends on channel i, receives on channel i − 1. */
function ring(members: number): RelayPorts[] {
  const made = Array.from({ length: members }, () => new MessageChannel());
  channels.push(...made);
  return made.map((_, i) => ({
    from: (made[(i + members - 1) % members] as MessageChannel).port2,
    to: (made[i] as MessageChannel).port1,
  }));
}

/** A reader (SHA-256) and followers (SM3, then SHA-256 again…) hashing `blob` together. */
async function hashTogether(blob: Blob, followers = 1, buffers?: number): Promise<Digests[]> {
  const ports = ring(1 + followers);
  const algorithms: Algorithm[][] = [['sha256'], ['sm3'], ['sha256', 'sm3']];
  return Promise.all([
    hashBlobAndRelay(blob, ports[0] as RelayPorts, { algorithms: ['sha256'], chunkSize: CHUNK, buffers }),
    ...ports
      .slice(1)
      .map((p, i) => hashRelayedChunks(p, blob.size, { algorithms: algorithms[1 + (i % 2)] as Algorithm[] })),
  ]);
}

describe('hashBlobAndRelay and hashRelayedChunks', () => {
  for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 7 * CHUNK + 3, 3 * 1024 * 1024 + 17]) {
    it(`give every worker the digest of all ${size} bytes`, async () => {
      const bytes = randomBytes(size);
      const [reader, follower] = await hashTogether(new Blob([bytes]));
      expect(reader).toEqual(referenceDigests(bytes, ['sha256']));
      expect(follower).toEqual(referenceDigests(bytes, ['sm3']));
    });
  }

  it('pass the chunks round a ring of three, and with a single buffer', async () => {
    const bytes = randomBytes(10 * CHUNK + 99);
    const [reader, first, second] = await hashTogether(new Blob([bytes]), 2);
    expect(reader).toEqual(referenceDigests(bytes, ['sha256']));
    expect(first).toEqual(referenceDigests(bytes, ['sm3']));
    expect(second).toEqual(referenceDigests(bytes));
    expect(await hashTogether(new Blob([bytes]), 1, 1)).toEqual([
      referenceDigests(bytes, ['sha256']),
      referenceDigests(bytes, ['sm3']),
    ]);
  });

  it('report the follower progress up to the total, strictly increasing', async () => {
    const bytes = randomBytes(5 * CHUNK + 1);
    const [readerPorts, followerPorts] = ring(2) as [RelayPorts, RelayPorts];
    const seen: Array<[number, number]> = [];
    await Promise.all([
      hashBlobAndRelay(new Blob([bytes]), readerPorts, { algorithms: ['sha256'], chunkSize: CHUNK }),
      hashRelayedChunks(followerPorts, bytes.length, {
        algorithms: ['sm3'],
        onProgress: (done, total) => seen.push([done, total]),
      }),
    ]);
    expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
    expect(seen.every(([done], i) => i === 0 || done > (seen[i - 1] as [number, number])[0])).toBe(true);
  });

  it('hold the reader at `buffers` chunks while the follower takes none back', async () => {
    const bytes = randomBytes(20 * CHUNK);
    const [readerPorts, followerPorts] = ring(2) as [RelayPorts, RelayPorts];
    // A follower that never hands a buffer back: it keeps what arrives.
    const kept: RelayMessage[] = [];
    followerPorts.from.onmessage = (event: MessageEvent<RelayMessage>) => kept.push(event.data);
    const controller = new AbortController();
    let read = 0;
    const reading = hashBlobAndRelay(new Blob([bytes]), readerPorts, {
      algorithms: ['sha256'],
      chunkSize: CHUNK,
      signal: controller.signal,
      onProgress: (done) => {
        read = done;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(read).toBe(RELAY_BUFFERS * CHUNK);
    expect(kept.filter((m) => m.type === 'chunk')).toHaveLength(RELAY_BUFFERS);
    // Waiting for a buffer still ends on abort.
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('bound the chunks in flight for a blob whose stream is not a byte stream', async () => {
    const bytes = randomBytes(12 * CHUNK + 5);
    // Some browsers' Blob.stream() is a default stream, bringing its own buffers.
    const pieces = (source: Uint8Array) => ({
      size: source.length,
      stream: () => {
        let at = 0;
        return new ReadableStream<Uint8Array>({
          pull(controller) {
            if (at >= source.length) return controller.close();
            controller.enqueue(source.slice(at, at + CHUNK));
            at += CHUNK;
          },
        });
      },
    });
    const [readerPorts, followerPorts] = ring(2) as [RelayPorts, RelayPorts];
    const [reader, follower] = await Promise.all([
      hashBlobAndRelay(pieces(bytes) as unknown as Blob, readerPorts, { algorithms: ['sha256'] }),
      hashRelayedChunks(followerPorts, bytes.length, { algorithms: ['sm3'] }),
    ]);
    expect(reader).toEqual(referenceDigests(bytes, ['sha256']));
    expect(follower).toEqual(referenceDigests(bytes, ['sm3']));

    const [stalledReader, stalledFollower] = ring(2) as [RelayPorts, RelayPorts];
    stalledFollower.from.onmessage = () => undefined; // takes chunks, gives none back
    const controller = new AbortController();
    let read = 0;
    const reading = hashBlobAndRelay(pieces(bytes) as unknown as Blob, stalledReader, {
      algorithms: ['sha256'],
      signal: controller.signal,
      onProgress: (done) => {
        read = done;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(read).toBe(RELAY_BUFFERS * CHUNK);
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("end every follower with the reader's code and message when the file changed while read", async () => {
    const bytes = randomBytes(3 * CHUNK);
    // A File whose bytes on disk shrank: it still declares the old size.
    const shrunk = new Blob([bytes.subarray(0, 2 * CHUNK)]);
    Object.defineProperty(shrunk, 'size', { value: bytes.length });
    const ports = ring(3);
    const message = `read ${2 * CHUNK} bytes but the file's size is ${bytes.length}; it changed while it was read, choose it again`;
    const results = await Promise.allSettled([
      hashBlobAndRelay(shrunk, ports[0] as RelayPorts, { algorithms: ['sha256'], chunkSize: CHUNK }),
      hashRelayedChunks(ports[1] as RelayPorts, bytes.length, { algorithms: ['sm3'] }),
      hashRelayedChunks(ports[2] as RelayPorts, bytes.length, { algorithms: ['sm3'] }),
    ]);
    expect(results[0]).toEqual({ status: 'rejected', reason: hashingError('SIZE_MISMATCH', message) });
    for (const follower of results.slice(1)) {
      expect(follower).toEqual({
        status: 'rejected',
        reason: expect.objectContaining({ name: 'RelayedError', code: 'SIZE_MISMATCH', message }),
      });
    }
  });

  it('end the follower as ABORTED when the reader is aborted, and abort a follower alone', async () => {
    const [readerPorts, followerPorts] = ring(2) as [RelayPorts, RelayPorts];
    const controller = new AbortController();
    controller.abort();
    const [reader, follower] = await Promise.allSettled([
      hashBlobAndRelay(new Blob([randomBytes(CHUNK)]), readerPorts, {
        algorithms: ['sha256'],
        signal: controller.signal,
      }),
      hashRelayedChunks(followerPorts, CHUNK, { algorithms: ['sm3'] }),
    ]);
    expect(reader).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    expect(follower).toMatchObject({ status: 'rejected', reason: { name: 'RelayedError', code: 'ABORTED' } });

    // A follower whose reader never sends anything still ends when aborted.
    const [, lonely] = ring(2) as [RelayPorts, RelayPorts];
    const followerController = new AbortController();
    const waiting = hashRelayedChunks(lonely, CHUNK, { algorithms: ['sm3'], signal: followerController.signal });
    followerController.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fail a follower with SIZE_MISMATCH when the chunks fall short of the size it was told', async () => {
    const bytes = randomBytes(2 * CHUNK);
    const [readerPorts, followerPorts] = ring(2) as [RelayPorts, RelayPorts];
    const [reader, follower] = await Promise.allSettled([
      hashBlobAndRelay(new Blob([bytes]), readerPorts, { algorithms: ['sha256'], chunkSize: CHUNK }),
      hashRelayedChunks(followerPorts, bytes.length + 1, { algorithms: ['sm3'] }),
    ]);
    expect(reader).toEqual({ status: 'fulfilled', value: referenceDigests(bytes, ['sha256']) });
    expect(follower).toEqual({
      status: 'rejected',
      reason: hashingError(
        'SIZE_MISMATCH',
        `read ${bytes.length} bytes but the file's size is ${bytes.length + 1}; it changed while it was read, choose it again`,
      ),
    });
  });
});
