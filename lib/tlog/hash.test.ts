import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyRoot, HASH_SIZE, hashChildren, hashLeaf, LEAF_HASH_PREFIX, NODE_HASH_PREFIX } from './hash';
import { prng, randomBytes } from './testing/reference-tree';

const nodeSha256 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

describe('RFC 6962 hashing', () => {
  it('uses the RFC 6962 domain-separation prefixes', () => {
    expect(LEAF_HASH_PREFIX).toBe(0x00);
    expect(NODE_HASH_PREFIX).toBe(0x01);
    expect(HASH_SIZE).toBe(32);
  });

  it('matches node:crypto for leaves of many lengths', () => {
    const random = prng(1);
    for (let length = 0; length < 300; length++) {
      const leaf = randomBytes(random, length);
      expect(hashLeaf(leaf)).toEqual(nodeSha256(Uint8Array.of(0), leaf));
    }
  });

  it('matches node:crypto for interior nodes, and is ordered', () => {
    const random = prng(2);
    const left = randomBytes(random, 32);
    const right = randomBytes(random, 32);
    expect(hashChildren(left, right)).toEqual(nodeSha256(Uint8Array.of(1), left, right));
    expect(hashChildren(left, right)).not.toEqual(hashChildren(right, left));
  });

  it('has the known empty-tree root and leaf hash of the empty leaf', () => {
    // Values from RFC 6962 test data (transparency-dev/merkle testonly): SHA-256("") and SHA-256(0x00).
    expect(Buffer.from(emptyRoot()).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(Buffer.from(hashLeaf(new Uint8Array(0))).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });

  it('refuses non-bytes and wrong-size children', () => {
    expect(() => hashLeaf('abc' as unknown as Uint8Array)).toThrow(/Uint8Array/);
    expect(() => hashChildren(new Uint8Array(31), new Uint8Array(32))).toThrow(/32 bytes/);
  });
});
