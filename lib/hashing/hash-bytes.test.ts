import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isHashingError } from './errors';
import { hashBytes } from './hash-bytes';
import { hashingError, loadDigestVectors, referenceDigests } from './hashing.testing';

describe('hashBytes', () => {
  for (const vector of loadDigestVectors()) {
    it(`matches the known answers for ${vector.name}`, async () => {
      expect(await hashBytes(vector.bytes, ['sha256', 'sm3'])).toEqual(vector.digests);
    });
  }

  it('agrees with node:crypto on random inputs', async () => {
    for (const size of [0, 1, 55, 56, 63, 64, 65, 1000, 100_000]) {
      const bytes = randomBytes(size);
      expect(await hashBytes(bytes, ['sha256', 'sm3']), `size ${size}`).toEqual(referenceDigests(bytes));
    }
  });

  it('computes only the algorithms asked for', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(Object.keys(await hashBytes(bytes, ['sm3']))).toEqual(['sm3']);
    expect(Object.keys(await hashBytes(bytes, ['sha256']))).toEqual(['sha256']);
  });

  it('hashes a subarray, not the buffer behind it', async () => {
    const whole = randomBytes(100);
    const part = whole.subarray(10, 20);
    expect(await hashBytes(part, ['sha256', 'sm3'])).toEqual(referenceDigests(Uint8Array.from(part)));
  });

  it('rejects a non-Uint8Array and an empty algorithm list', async () => {
    await expect(hashBytes('abc' as unknown as Uint8Array, ['sha256'])).rejects.toThrow(
      hashingError('INVALID_ARGUMENT', 'bytes must be a Uint8Array'),
    );
    await expect(hashBytes(new Uint8Array(1), [])).rejects.toSatisfy((error) =>
      isHashingError(error, 'INVALID_ARGUMENT'),
    );
  });
});
