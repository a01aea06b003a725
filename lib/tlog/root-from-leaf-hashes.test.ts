import { describe, expect, it } from 'vitest';
import { isTlogError } from './errors';
import { hashLeaf } from './hash';
import { rootFromLeafHashes } from './root-from-leaf-hashes';
import { listTree, prng, randomBytes, refLeafHash, sha256 } from './testing/reference-tree';

describe('rootFromLeafHashes', () => {
  it('is SHA-256("") for the empty tree and the leaf hash for one leaf', () => {
    expect(rootFromLeafHashes([])).toEqual(sha256());
    const leaf = hashLeaf(Uint8Array.of(7));
    expect(rootFromLeafHashes([leaf])).toEqual(leaf);
  });

  it('matches the recursive RFC 9162 MTH (hashed with node:crypto) for sizes 1..300', () => {
    const random = prng(3);
    const leafHashes = Array.from({ length: 300 }, () => refLeafHash(randomBytes(random, 12)));
    const tree = listTree(leafHashes);
    for (let n = 1; n <= 300; n++) {
      expect(rootFromLeafHashes(leafHashes.slice(0, n))).toEqual(tree.mth(0n, BigInt(n)));
    }
  });

  it('matches the RFC 6962 reference root for the 8 standard test leaves', () => {
    // transparency-dev/merkle testonly: leaves "", 00, 10, 2021, 3031, 40414243, 5051525354555657,
    // 606162636465666768696a6b6c6d6e6f; root of the 8-leaf tree.
    const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
    const root = rootFromLeafHashes(leaves.map((hex) => hashLeaf(Uint8Array.from(Buffer.from(hex, 'hex')))));
    expect(Buffer.from(root).toString('hex')).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it('refuses hashes of the wrong size', () => {
    try {
      rootFromLeafHashes([new Uint8Array(32), new Uint8Array(16)]);
      expect.unreachable();
    } catch (error) {
      expect(isTlogError(error, 'INVALID_HASH_SIZE')).toBe(true);
    }
  });
});
