import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeOf } from './testing/code-of';
import {
  flipBit,
  listTree,
  prng,
  randomBytes,
  refInclusionProof,
  refLeafHash,
  uniformTree,
} from './testing/reference-tree';
import { b64, b64List, listVectorFiles, readVector, VECTORS_DIR } from './testing/vectors';
import { rootFromInclusionProof, verifyInclusion } from './verify-inclusion';

const INCLUSION_DIR = path.join(VECTORS_DIR, 'inclusion');
const SEED = 0x6962;

describe('verifyInclusion: transparency-dev/merkle vectors', () => {
  const files = listVectorFiles(INCLUSION_DIR);

  it('finds the vector files', () => {
    expect(files.length).toBe(98);
  });

  it.each(files)('%s', (file) => {
    const v = readVector(path.join(INCLUSION_DIR, file), ['leafIdx', 'treeSize']);
    const run = () =>
      verifyInclusion(v.leafIdx as bigint, v.treeSize as bigint, b64(v.leafHash), b64List(v.proof), b64(v.root));
    if (v.wantErr) {
      expect(codeOf(run), String(v.desc)).not.toBe('OK');
    } else {
      expect(codeOf(run), String(v.desc)).toBe('OK');
    }
  });

  it('counts: accepts exactly the wantErr=false files', () => {
    let accepted = 0;
    let rejected = 0;
    for (const file of files) {
      const v = readVector(path.join(INCLUSION_DIR, file), ['leafIdx', 'treeSize']);
      const code = codeOf(() =>
        verifyInclusion(v.leafIdx as bigint, v.treeSize as bigint, b64(v.leafHash), b64List(v.proof), b64(v.root)),
      );
      expect(code === 'OK').toBe(!v.wantErr);
      if (code === 'OK') accepted++;
      else rejected++;
    }
    expect({ accepted, rejected }).toEqual({ accepted: 6, rejected: 92 });
  });

  it('rejects the uint64-max index exactly, not rounded', () => {
    const v = readVector(path.join(INCLUSION_DIR, '0/leafIdx-sub-@1.json'), ['leafIdx', 'treeSize']);
    expect(v.leafIdx).toBe(18446744073709551615n);
    const run = () => verifyInclusion(v.leafIdx as bigint, 1, b64(v.leafHash), [], b64(v.root));
    expect(codeOf(run)).toBe('INDEX_OUT_OF_RANGE');
    // The same value as a JS number is not a safe integer and is refused as input.
    expect(codeOf(() => verifyInclusion(Number(v.leafIdx), 1, b64(v.leafHash), [], b64(v.root)))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});

describe('verifyInclusion: random trees against the RFC 9162 PATH reference', () => {
  const random = prng(SEED);
  const sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 32, 33, 127, 128, 129, 255, 256, 257, 300];
  for (let i = 0; i < 20; i++) sizes.push(1 + Math.floor(random() * 300));

  it.each(sizes)(`every leaf of a tree of size %i (seed ${SEED})`, (size) => {
    const leaves = Array.from({ length: size }, () => randomBytes(random, 1 + Math.floor(random() * 40)));
    const leafHashes = leaves.map(refLeafHash);
    const tree = listTree(leafHashes);
    const root = tree.mth(0n, BigInt(size));
    const rootPlusOne = listTree([...leafHashes, refLeafHash(randomBytes(random, 8))]).mth(0n, BigInt(size + 1));
    for (let index = 0; index < size; index++) {
      const leafHash = leafHashes[index] as Uint8Array;
      const proof = refInclusionProof(tree, BigInt(index));
      verifyInclusion(index, size, leafHash, proof, root);
      expect(rootFromInclusionProof(BigInt(index), BigInt(size), leafHash, proof)).toEqual(root);

      // Negative cases: each must fail, with the code that names the failure.
      const otherLeaf = refLeafHash(Uint8Array.of(...(leaves[index] as Uint8Array), 0));
      expect(codeOf(() => verifyInclusion(index, size, otherLeaf, proof, root))).toBe('ROOT_MISMATCH');
      // A wrong size with the real root of a tree of that size. (With the *same* root a size
      // off by one can pass when the path shape is unchanged: the size is bound to the root by
      // the signed checkpoint, not by the proof. Go's verifier behaves the same.)
      expect(codeOf(() => verifyInclusion(index, size + 1, leafHash, proof, rootPlusOne))).not.toBe('OK');
      if (index < size - 1) {
        const rootMinusOne = tree.mth(0n, BigInt(size - 1));
        expect(codeOf(() => verifyInclusion(index, size - 1, leafHash, proof, rootMinusOne))).not.toBe('OK');
      }
      expect(codeOf(() => verifyInclusion(index, size, leafHash, proof, flipBit(root, index % 256)))).toBe(
        'ROOT_MISMATCH',
      );
      expect(codeOf(() => verifyInclusion(size, size, leafHash, proof, root))).toBe('INDEX_OUT_OF_RANGE');
      const wrongIndex = (index + 1 + Math.floor(random() * (size - 1))) % size;
      if (wrongIndex !== index) {
        expect(codeOf(() => verifyInclusion(wrongIndex, size, leafHash, proof, root))).not.toBe('OK');
      }
      proof.forEach((_, j) => {
        const tampered = proof.map((hash, k) => (k === j ? flipBit(hash, Math.floor(random() * 256)) : hash));
        expect(codeOf(() => verifyInclusion(index, size, leafHash, tampered, root))).toBe('ROOT_MISMATCH');
      });
      if (proof.length > 0) {
        expect(codeOf(() => verifyInclusion(index, size, leafHash, proof.slice(1), root))).toBe('WRONG_PROOF_SIZE');
      }
      expect(codeOf(() => verifyInclusion(index, size, leafHash, [...proof, root], root))).toBe('WRONG_PROOF_SIZE');
    }
  });
});

describe('verifyInclusion: sizes beyond 2^53', () => {
  const leafHash = refLeafHash(new TextEncoder().encode('verity'));
  const cases: [bigint, bigint][] = [
    [0n, 2n ** 53n - 1n],
    [2n ** 53n - 2n, 2n ** 53n - 1n],
    [2n ** 53n, 2n ** 53n + 1n],
    [12345678901234567n, 2n ** 63n + 3n],
    [2n ** 64n - 2n, 2n ** 64n - 1n],
    [0n, 2n ** 64n - 1n],
  ];

  it.each(cases)('index %s in a tree of size %s', (index, size) => {
    const tree = uniformTree(size, leafHash);
    const root = tree.mth(0n, size);
    const proof = refInclusionProof(tree, index);
    verifyInclusion(index, size, leafHash, proof, root);
    const smaller = uniformTree(size - 1n, leafHash).mth(0n, size - 1n);
    if (index < size - 1n) {
      expect(codeOf(() => verifyInclusion(index, size - 1n, leafHash, proof, smaller))).not.toBe('OK');
    }
    expect(codeOf(() => verifyInclusion(index, size, leafHash, proof, smaller))).toBe('ROOT_MISMATCH');
    expect(codeOf(() => verifyInclusion(size, size, leafHash, proof, root))).toBe('INDEX_OUT_OF_RANGE');
    expect(codeOf(() => verifyInclusion(index, 2n ** 64n, leafHash, proof, root))).toBe('INVALID_ARGUMENT');
  });
});

describe('verifyInclusion: input checks', () => {
  const hash = new Uint8Array(32);

  it('refuses negative, fractional and unsafe numbers', () => {
    expect(codeOf(() => verifyInclusion(-1, 1, hash, [], hash))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => verifyInclusion(0.5, 1, hash, [], hash))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => verifyInclusion(0, 2 ** 53, hash, [], hash))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => verifyInclusion(-1n, 1n, hash, [], hash))).toBe('INVALID_ARGUMENT');
  });

  it('refuses hashes of the wrong size', () => {
    expect(codeOf(() => verifyInclusion(0, 1, new Uint8Array(31), [], hash))).toBe('INVALID_HASH_SIZE');
    expect(codeOf(() => verifyInclusion(0, 1, hash, [], new Uint8Array(33)))).toBe('INVALID_HASH_SIZE');
    expect(codeOf(() => verifyInclusion(0, 2, hash, [new Uint8Array(0)], hash))).toBe('INVALID_HASH_SIZE');
  });

  it('refuses an empty tree', () => {
    expect(codeOf(() => verifyInclusion(0, 0, hash, [], hash))).toBe('INDEX_OUT_OF_RANGE');
  });
});
