import { execFileSync } from 'node:child_process';
import { getHashes, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandProblem, requireTools } from '@/test/required-tools';
import type { Algorithm, Digests } from './digests';
import { hashingError, loadDigestVectors, referenceDigests } from './hashing.testing';
import { createNodeHasher, hashFile, hashNodeStream, NODE_NATIVE } from './node';

const BOTH: Algorithm[] = ['sha256', 'sm3'];
const CHUNK = 64 * 1024;
const SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 20 * 1024 * 1024 + 7];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verity-hashing-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tempFile(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

it('uses OpenSSL through node:crypto for SM3 when this Node has it', () => {
  expect(NODE_NATIVE).toEqual({ sha256: true, sm3: getHashes().includes('sm3') });
});

describe('hashFile', () => {
  loadDigestVectors().forEach((vector, i) => {
    it(`matches the known answers for ${vector.name}`, async () => {
      const file = await tempFile(`vector-${i}`, vector.bytes);
      expect(await hashFile(file, { algorithms: BOTH })).toEqual({
        digests: vector.digests,
        bytes: vector.bytes.length,
      });
    });
  });

  for (const size of SIZES) {
    it(`agrees with node:crypto on ${size} random bytes`, async () => {
      const bytes = randomBytes(size);
      const file = await tempFile(`random-${size}`, bytes);
      expect(await hashFile(file, { algorithms: BOTH })).toEqual({ digests: referenceDigests(bytes), bytes: size });
    });
  }

  describe('against the command-line tools', () => {
    const sha256sum = requireTools('sha256sum', commandProblem('sha256sum', ['--version']), 'coreutils');
    const opensslSm3 = requireTools(
      'openssl with SM3',
      commandProblem('openssl', ['list', '-digest-algorithms'], /\bsm3\b/i),
      'an OpenSSL 3 build with SM3',
    );
    const size = 5 * 1024 * 1024 + 3;
    let file: string;
    let ours: Digests;
    beforeAll(async () => {
      file = await tempFile('cli', randomBytes(size));
      ours = (await hashFile(file, { algorithms: BOTH })).digests;
    });

    it.runIf(sha256sum)('matches sha256sum', () => {
      const output = execFileSync('sha256sum', ['-b', file], { encoding: 'utf8' });
      expect(output.split(' ')[0]).toBe(ours.sha256);
    });

    it.runIf(opensslSm3)('matches openssl dgst -sm3', () => {
      // -r prints "<hex> *<file>", the coreutils layout, instead of "SM3(<file>)= <hex>".
      const output = execFileSync('openssl', ['dgst', '-sm3', '-r', file], { encoding: 'utf8' });
      expect(output.split(' ')[0]).toBe(ours.sm3);
    });
  });

  it('rejects a missing file with the system error, and a bad path', async () => {
    await expect(hashFile(path.join(dir, 'absent'), { algorithms: BOTH })).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(hashFile(42 as unknown as string, { algorithms: BOTH })).rejects.toEqual(
      hashingError('INVALID_ARGUMENT', 'path must be a string or a file: URL'),
    );
  });

  it('reports strictly increasing progress ending at the file size', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 5);
    const seen: number[] = [];
    await hashFile(await tempFile('progress', bytes), { algorithms: BOTH, onProgress: (n) => seen.push(n) });
    expect(seen.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1] ?? 0);
    expect(seen.at(-1)).toBe(bytes.length);
  });
});

describe('hashNodeStream', () => {
  const bytes = randomBytes(200_003);
  const pieces = () => [bytes.subarray(0, 1), bytes.subarray(1, 70_000), new Uint8Array(0), bytes.subarray(70_000)];
  const expected = { digests: referenceDigests(bytes), bytes: bytes.length };

  it('hashes a Node Readable, an async generator and a web ReadableStream', async () => {
    expect(await hashNodeStream(Readable.from(pieces()), { algorithms: BOTH })).toEqual(expected);
    async function* generate() {
      yield* pieces();
    }
    expect(await hashNodeStream(generate(), { algorithms: BOTH })).toEqual(expected);
    expect(await hashNodeStream(new Blob([bytes]).stream(), { algorithms: BOTH })).toEqual(expected);
  });

  it('reports 0 once for an empty body', async () => {
    const seen: number[] = [];
    const result = await hashNodeStream(Readable.from([]), { algorithms: ['sm3'], onProgress: (n) => seen.push(n) });
    expect(result).toEqual({ digests: referenceDigests(new Uint8Array(0), ['sm3']), bytes: 0 });
    expect(seen).toEqual([0]);
  });

  it('rejects with AbortError and destroys a stalled Node stream', async () => {
    const source = new Readable({ read() {} });
    source.push(new Uint8Array(100));
    const controller = new AbortController();
    const hashing = hashNodeStream(source, {
      algorithms: BOTH,
      signal: controller.signal,
      onProgress: () => setTimeout(() => controller.abort(), 10),
    });
    await expect(hashing).rejects.toMatchObject({ name: 'AbortError' });
    expect(source.destroyed).toBe(true);
  });

  it('cancels a stalled web ReadableStream on abort', async () => {
    const cancel = vi.fn();
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return new Promise<void>(() => {});
        sent = true;
        controller.enqueue(new Uint8Array(100));
      },
      cancel,
    });
    const controller = new AbortController();
    const hashing = hashNodeStream(stream, {
      algorithms: BOTH,
      signal: controller.signal,
      onProgress: () => setTimeout(() => controller.abort(), 10),
    });
    await expect(hashing).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(cancel).toHaveBeenCalledTimes(1));
  });

  it('rejects at once when the signal is already aborted', async () => {
    const source = Readable.from(pieces());
    const signal = AbortSignal.abort();
    await expect(hashNodeStream(source, { algorithms: BOTH, signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(source.destroyed).toBe(true);
  });

  it('rejects chunks that are not bytes, and sources that are not streams', async () => {
    await expect(hashNodeStream(Readable.from(['text']), { algorithms: BOTH })).rejects.toEqual(
      hashingError('INVALID_ARGUMENT', 'stream chunks must be Uint8Array (Buffer); got another type'),
    );
    await expect(hashNodeStream({} as AsyncIterable<Uint8Array>, { algorithms: BOTH })).rejects.toEqual(
      hashingError('INVALID_ARGUMENT', 'source must be a Readable, a ReadableStream or an async iterable of bytes'),
    );
  });
});

describe('createNodeHasher', () => {
  it('feeds every algorithm the same chunks and counts bytes', async () => {
    const hasher = await createNodeHasher(BOTH);
    hasher.update(bytesOf('ab'));
    hasher.update(bytesOf('c'));
    expect(hasher.bytes).toBe(3);
    expect(hasher.digest()).toEqual({ digests: referenceDigests(bytesOf('abc')), bytes: 3 });
    expect(() => hasher.digest()).toThrow(hashingError('INVALID_ARGUMENT', 'digest called twice: create a new hasher'));
    expect(() => hasher.update(bytesOf('d'))).toThrow(
      hashingError('INVALID_ARGUMENT', 'update after digest: create a new hasher'),
    );
  });
});

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
