/**
 * Our WebAssembly SHA-256 and SM3 (`wasm-hasher.ts`) against the published answers and against
 * OpenSSL through `node:crypto`: every case of shared/vectors/digests, every length around the
 * padding boundaries and the input area's, random split points through the streaming API, reuse
 * after `init()`, and independent instances.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Algorithm } from '../digests';
import { bytesToHex } from '../digests';
import { loadDigestVectors } from '../hashing.testing';
import { INPUT_SIZE } from './layout';
import { createWasmHasher } from './wasm-hasher';

const ALGORITHMS: Algorithm[] = ['sha256', 'sm3'];

const reference = (algorithm: Algorithm, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');

/** Hashes `bytes` in pieces cut at `cuts` (sorted offsets). */
function hashInPieces(hasher: Awaited<ReturnType<typeof createWasmHasher>>, bytes: Uint8Array, cuts: number[]): string {
  hasher.init();
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    hasher.update(bytes.subarray(from, cut));
    from = cut;
  }
  return bytesToHex(hasher.digest());
}

describe.each(ALGORITHMS)('%s in WebAssembly', (algorithm) => {
  it('matches every published answer of shared/vectors/digests', async () => {
    const hasher = await createWasmHasher(algorithm);
    for (const vector of loadDigestVectors()) {
      expect(bytesToHex(hasher.init().update(vector.bytes).digest()), vector.name).toBe(vector.digests[algorithm]);
    }
  });

  it('hashes the empty input, with and without an empty update', async () => {
    const hasher = await createWasmHasher(algorithm);
    const empty = reference(algorithm, new Uint8Array());
    expect(bytesToHex(hasher.init().digest())).toBe(empty);
    expect(bytesToHex(hasher.init().update(new Uint8Array()).update(new Uint8Array()).digest())).toBe(empty);
  });

  it('agrees with node:crypto on every length from 0 to 300 bytes (all padding cases)', async () => {
    const hasher = await createWasmHasher(algorithm);
    const bytes = randomBytes(300);
    for (let n = 0; n <= 300; n++) {
      const input = bytes.subarray(0, n);
      expect(bytesToHex(hasher.init().update(input).digest()), `${n} bytes`).toBe(reference(algorithm, input));
    }
  });

  it('agrees with node:crypto around the input area and large sizes', async () => {
    const hasher = await createWasmHasher(algorithm);
    const sizes = [INPUT_SIZE - 65, INPUT_SIZE - 1, INPUT_SIZE, INPUT_SIZE + 1, INPUT_SIZE + 63, 2 * INPUT_SIZE + 56];
    for (const size of [...sizes, 4 * 1024 * 1024 - 1, 4 * 1024 * 1024 + 1, 9_999_991]) {
      const input = randomBytes(size);
      expect(bytesToHex(hasher.init().update(input).digest()), `${size} bytes`).toBe(reference(algorithm, input));
    }
  });

  it('gives the same digest whatever the split points of update()', async () => {
    const hasher = await createWasmHasher(algorithm);
    const bytes = randomBytes(3 * INPUT_SIZE + 777);
    const expected = reference(algorithm, bytes);
    const boundaries = [1, 55, 56, 63, 64, 65, INPUT_SIZE - 1, INPUT_SIZE, INPUT_SIZE + 1, 2 * INPUT_SIZE + 3];
    expect(hashInPieces(hasher, bytes, boundaries)).toBe(expected);
    // Byte by byte across the first blocks, then the rest in one piece.
    expect(
      hashInPieces(
        hasher,
        bytes,
        Array.from({ length: 200 }, (_, i) => i + 1),
      ),
    ).toBe(expected);
    for (let round = 0; round < 20; round++) {
      const cuts = Array.from({ length: 1 + (round % 7) }, () => Math.floor(Math.random() * bytes.length)).sort(
        (a, b) => a - b,
      );
      expect(hashInPieces(hasher, bytes, cuts), `cuts ${cuts.join(',')}`).toBe(expected);
    }
  });

  it('hashes a subarray, not the buffer behind it', async () => {
    const hasher = await createWasmHasher(algorithm);
    const buffer = randomBytes(1000);
    const view = buffer.subarray(100, 900);
    expect(bytesToHex(hasher.init().update(view).digest())).toBe(reference(algorithm, view));
  });

  it('starts afresh after init(), even mid-input, and keeps instances apart', async () => {
    const [one, two] = [await createWasmHasher(algorithm), await createWasmHasher(algorithm)];
    const a = randomBytes(5000);
    const b = randomBytes(70);
    one.init().update(a.subarray(0, 123));
    two.init().update(b);
    one.update(a.subarray(123));
    expect(bytesToHex(one.digest())).toBe(reference(algorithm, a));
    expect(bytesToHex(two.digest())).toBe(reference(algorithm, b));
    one.init().update(randomBytes(99));
    expect(bytesToHex(one.init().update(b).digest())).toBe(reference(algorithm, b));
  });
});
