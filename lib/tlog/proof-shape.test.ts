import { describe, expect, it } from 'vitest';
import { isTlogError } from './errors';
import { consistencyProofSize, decomposeInclusionProof, inclusionProofSize } from './proof-shape';
import { refConsistencyProof, refInclusionProof, uniformTree } from './testing/reference-tree';

const leaf = new Uint8Array(32);

describe('proof shapes', () => {
  it('inclusionProofSize equals the length of the RFC 9162 PATH for every index up to size 130', () => {
    for (let size = 1n; size <= 130n; size++) {
      const tree = uniformTree(size, leaf);
      for (let index = 0n; index < size; index++) {
        const { inner, border } = decomposeInclusionProof(index, size);
        expect(inner + border).toBe(refInclusionProof(tree, index).length);
        expect(inclusionProofSize(Number(index), Number(size))).toBe(inner + border);
      }
    }
  });

  it('consistencyProofSize equals the length of the RFC 9162 PROOF for every pair up to size 130', () => {
    for (let n = 1n; n <= 130n; n++) {
      const tree = uniformTree(n, leaf);
      for (let m = 1n; m <= n; m++) {
        const expected = m === n ? 0 : refConsistencyProof(tree, m).length;
        expect(consistencyProofSize(m, n)).toBe(expected);
      }
    }
  });

  it('handles uint64 sizes', () => {
    expect(inclusionProofSize(0n, 2n ** 64n - 1n)).toBe(64);
    expect(inclusionProofSize(2n ** 64n - 2n, 2n ** 64n - 1n)).toBe(
      refInclusionProof(uniformTree(2n ** 64n - 1n, leaf), 2n ** 64n - 2n).length,
    );
    expect(consistencyProofSize(2n ** 63n, 2n ** 64n - 1n)).toBe(
      refConsistencyProof(uniformTree(2n ** 64n - 1n, leaf), 2n ** 63n).length,
    );
  });

  it('refuses impossible shapes', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return isTlogError(error) ? error.code : 'OTHER';
      }
      return 'OK';
    };
    expect(code(() => inclusionProofSize(5, 5))).toBe('INDEX_OUT_OF_RANGE');
    expect(code(() => inclusionProofSize(0, 0))).toBe('INDEX_OUT_OF_RANGE');
    expect(code(() => inclusionProofSize(0, 2n ** 64n))).toBe('INVALID_ARGUMENT');
    expect(code(() => consistencyProofSize(0, 4))).toBe('EMPTY_TREE');
    expect(code(() => consistencyProofSize(5, 4))).toBe('INVALID_TREE_SIZES');
  });
});
