/**
 * A Node whose OpenSSL lacks SM3 (distribution or FIPS builds) must still record SM3, through
 * lib/hashing's WebAssembly SM3. `getHashes` is mocked to hide SM3; `createHash` stays real for SHA-256.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadDigestVectors } from './hashing.testing';
import { createNodeHasher, NODE_NATIVE } from './node-hasher';

vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return { ...crypto, getHashes: () => crypto.getHashes().filter((name) => name.toLowerCase() !== 'sm3') };
});

describe('createNodeHasher without a native SM3', () => {
  it('falls back to the WebAssembly SM3 and still matches the known answers', async () => {
    expect(NODE_NATIVE).toEqual({ sha256: true, sm3: false });
    for (const vector of loadDigestVectors()) {
      const hasher = await createNodeHasher(['sha256', 'sm3']);
      hasher.update(vector.bytes);
      expect(hasher.digest(), vector.name).toEqual({ digests: vector.digests, bytes: vector.bytes.length });
    }
  });
});
