import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TlogErrorCode } from './errors';
import { codeOf } from './testing/code-of';
import {
  flipBit,
  listTree,
  prng,
  randomBytes,
  refConsistencyProof,
  refLeafHash,
  uniformTree,
} from './testing/reference-tree';
import { b64, b64List, listVectorFiles, readVector, VECTORS_DIR } from './testing/vectors';
import { rootFromConsistencyProof, verifyConsistency } from './verify-consistency';

const CONSISTENCY_DIR = path.join(VECTORS_DIR, 'consistency');
const SEED = 0x9162;

function runVector(file: string): { code: TlogErrorCode | 'OK'; wantErr: boolean; desc: string } {
  const v = readVector(path.join(CONSISTENCY_DIR, file), ['size1', 'size2']);
  const code = codeOf(() =>
    verifyConsistency(v.size1 as bigint, v.size2 as bigint, b64List(v.proof), b64(v.root1), b64(v.root2)),
  );
  return { code, wantErr: v.wantErr === true, desc: String(v.desc) };
}

describe('verifyConsistency: transparency-dev/merkle vectors', () => {
  const files = listVectorFiles(CONSISTENCY_DIR);

  it('finds the vector files', () => {
    expect(files.length).toBe(98);
  });

  it.each(files)('%s', (file) => {
    const { code, wantErr, desc } = runVector(file);
    if (wantErr) expect(code, desc).not.toBe('OK');
    else expect(code, desc).toBe('OK');
  });

  it('counts: accepts exactly the wantErr=false files', () => {
    const results = files.map(runVector);
    const accepted = results.filter((r) => r.code === 'OK').length;
    expect(results.every((r) => (r.code === 'OK') === !r.wantErr)).toBe(true);
    expect({ accepted, rejected: results.length - accepted }).toEqual({ accepted: 6, rejected: 92 });
  });

  it('refuses a proof from the empty tree, even between two empty trees', () => {
    const empty = new Uint8Array(32);
    expect(codeOf(() => verifyConsistency(0, 0, [], empty, empty))).toBe('EMPTY_TREE');
    expect(codeOf(() => verifyConsistency(0, 5, [empty], empty, empty))).toBe('EMPTY_TREE');
  });
});

describe('verifyConsistency: random trees against the RFC 9162 SUBPROOF reference', () => {
  const random = prng(SEED);

  function check(leafHashes: Uint8Array[], m: number, n: number): void {
    const tree = listTree(leafHashes);
    const root1 = tree.mth(0n, BigInt(m));
    const root2 = tree.mth(0n, BigInt(n));
    const proof = m === n ? [] : refConsistencyProof(listTree(leafHashes.slice(0, n)), BigInt(m));
    verifyConsistency(m, n, proof, root1, root2);
    expect(rootFromConsistencyProof(BigInt(m), BigInt(n), proof, root1)).toEqual(root2);

    // Negative cases.
    expect(codeOf(() => verifyConsistency(m, n, proof, root2, root1))).not.toBe(m === n ? 'X' : 'OK');
    expect(codeOf(() => verifyConsistency(n, m, proof, root1, root2))).not.toBe(m === n ? 'X' : 'OK');
    expect(codeOf(() => verifyConsistency(m, n, proof, flipBit(root1, 7), root2))).not.toBe('OK');
    expect(codeOf(() => verifyConsistency(m, n, proof, root1, flipBit(root2, 200)))).toBe('ROOT_MISMATCH');
    if (m > 1) {
      const other = tree.mth(0n, BigInt(m - 1));
      expect(codeOf(() => verifyConsistency(m - 1, n, proof, other, root2))).not.toBe('OK');
    }
    if (n < leafHashes.length) {
      const bigger = tree.mth(0n, BigInt(n + 1));
      expect(codeOf(() => verifyConsistency(m, n + 1, proof, root1, bigger))).not.toBe('OK');
    }
    proof.forEach((_, j) => {
      const tampered = proof.map((hash, k) => (k === j ? flipBit(hash, Math.floor(random() * 256)) : hash));
      expect(codeOf(() => verifyConsistency(m, n, tampered, root1, root2))).toBe('ROOT_MISMATCH');
    });
    if (proof.length > 0) {
      expect(codeOf(() => verifyConsistency(m, n, proof.slice(0, -1), root1, root2))).toBe('WRONG_PROOF_SIZE');
      expect(codeOf(() => verifyConsistency(m, n, [root1, ...proof], root1, root2))).toBe('WRONG_PROOF_SIZE');
    }
  }

  it(`every pair (m, n) with 1 <= m <= n <= 64 (seed ${SEED})`, () => {
    const leafHashes = Array.from({ length: 65 }, () => refLeafHash(randomBytes(random, 16)));
    for (let n = 1; n <= 64; n++) for (let m = 1; m <= n; m++) check(leafHashes, m, n);
  });

  it(`random pairs in trees of random sizes up to 300 (seed ${SEED})`, () => {
    for (let t = 0; t < 25; t++) {
      const size = 1 + Math.floor(random() * 300);
      const leafHashes = Array.from({ length: size + 1 }, () => refLeafHash(randomBytes(random, 16)));
      for (let p = 0; p < 20; p++) {
        const n = 1 + Math.floor(random() * size);
        const m = 1 + Math.floor(random() * n);
        check(leafHashes, m, n);
      }
      check(leafHashes, size, size);
      check(leafHashes, 1, size);
    }
  });

  it('sizes beyond 2^53 (uniform trees)', () => {
    const leafHash = refLeafHash(Uint8Array.of(1, 2, 3));
    const pairs: [bigint, bigint][] = [
      [1n, 2n ** 53n + 1n],
      [2n ** 53n - 1n, 2n ** 53n + 7n],
      [2n ** 40n, 2n ** 63n + 5n],
      [3n * 2n ** 60n + 1n, 2n ** 64n - 1n],
    ];
    for (const [m, n] of pairs) {
      const tree = uniformTree(n, leafHash);
      const root1 = tree.mth(0n, m);
      const root2 = tree.mth(0n, n);
      const proof = refConsistencyProof(tree, m);
      verifyConsistency(m, n, proof, root1, root2);
      expect(codeOf(() => verifyConsistency(m, n, proof, root1, root1))).toBe('ROOT_MISMATCH');
      const smaller = uniformTree(n - 1n, leafHash).mth(0n, n - 1n);
      expect(codeOf(() => verifyConsistency(m, n - 1n, proof, root1, smaller))).not.toBe('OK');
    }
  });
});

describe('verifyConsistency: input checks', () => {
  const hash = new Uint8Array(32);

  it('refuses bad sizes and hashes with exact codes', () => {
    expect(codeOf(() => verifyConsistency(2, 1, [], hash, hash))).toBe('INVALID_TREE_SIZES');
    expect(codeOf(() => verifyConsistency(-1, 1, [], hash, hash))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => verifyConsistency(1, 2, [], hash, hash))).toBe('WRONG_PROOF_SIZE');
    expect(codeOf(() => verifyConsistency(1, 2, [new Uint8Array(31)], hash, hash))).toBe('INVALID_HASH_SIZE');
    expect(codeOf(() => verifyConsistency(1, 2, [hash], new Uint8Array(31), hash))).toBe('INVALID_HASH_SIZE');
    expect(codeOf(() => verifyConsistency(3, 3, [hash], hash, hash))).toBe('WRONG_PROOF_SIZE');
    expect(codeOf(() => verifyConsistency(3, 3, [], hash, Uint8Array.of(1)))).toBe('ROOT_MISMATCH');
  });
});
