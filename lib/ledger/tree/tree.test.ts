import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyRoot, hashLeaf, rootFromLeafHashes, verifyConsistency, verifyInclusion } from '@/lib/tlog';
import { appendLeaves, type StoredNode } from './append';
import { mapLookup, rangeHash } from './assemble';
import {
  consistencyProofRanges,
  decomposeBigints,
  inclusionNodeCandidates,
  inclusionProofRanges,
  nodeKeyString,
  nodesForRanges,
  perfectDecomposition,
  splitPoint,
} from './ranges';

/** Builds a tree by appending random-sized batches, as the sequencer does, keeping every node. */
function growTree(total: number) {
  const leaves = Array.from({ length: total }, () => hashLeaf(randomBytes(16)));
  const nodes = new Map<string, Uint8Array>();
  const roots = new Map<number, Uint8Array>();
  let frontier: StoredNode[] = [];
  let size = 0;
  while (size < total) {
    const batch = Math.min(total - size, 1 + Math.floor(Math.random() * 40));
    const result = appendLeaves(BigInt(size), frontier, leaves.slice(size, size + batch));
    for (const n of result.newNodes) {
      expect(nodes.has(nodeKeyString(n)), `node ${nodeKeyString(n)} written twice`).toBe(false);
      nodes.set(nodeKeyString(n), n.hash);
    }
    frontier = result.frontier;
    size += batch;
    roots.set(size, result.root);
  }
  return { leaves, nodes, roots };
}

function inclusionProof(m: number, n: number, nodes: Map<string, Uint8Array>) {
  return inclusionProofRanges(BigInt(m), BigInt(n)).map((r) => rangeHash(r, mapLookup(nodes)));
}

function consistencyProof(m: number, n: number, nodes: Map<string, Uint8Array>) {
  return consistencyProofRanges(BigInt(m), BigInt(n)).map((r) => rangeHash(r, mapLookup(nodes)));
}

describe('ledger tree storage', () => {
  it('stores exactly the complete subtrees and the roots match RFC 6962', () => {
    const { leaves, nodes, roots } = growTree(300);
    // 2n − popcount(n) complete subtrees in a tree of n leaves.
    expect(nodes.size).toBe(2 * 300 - (300).toString(2).replaceAll('0', '').length);
    for (const [size, root] of roots) expect(root).toEqual(rootFromLeafHashes(leaves.slice(0, size)));
    expect(emptyRoot()).toHaveLength(32);
  });

  it('builds inclusion proofs from stored nodes that verify, for every leaf of many sizes', () => {
    const { leaves, nodes } = growTree(130);
    for (let n = 1; n <= 130; n += n < 20 ? 1 : 7) {
      const root = rootFromLeafHashes(leaves.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(m, n, nodes);
        expect(() => verifyInclusion(m, n, leaves[m] as Uint8Array, proof, root)).not.toThrow();
      }
    }
  });

  it('builds consistency proofs from stored nodes that verify', () => {
    const { leaves, nodes } = growTree(100);
    for (let n = 1; n <= 100; n += 3) {
      const root2 = rootFromLeafHashes(leaves.slice(0, n));
      for (let m = 1; m <= n; m += 2) {
        const root1 = rootFromLeafHashes(leaves.slice(0, m));
        expect(() => verifyConsistency(m, n, consistencyProof(m, n, nodes), root1, root2)).not.toThrow();
      }
    }
  });

  it('produces proofs that fail for the wrong leaf, index or size', () => {
    const { leaves, nodes } = growTree(50);
    const root = rootFromLeafHashes(leaves.slice(0, 50));
    const proof = inclusionProof(17, 50, nodes);
    expect(() => verifyInclusion(17, 50, leaves[18] as Uint8Array, proof, root)).toThrow();
    expect(() => verifyInclusion(18, 50, leaves[17] as Uint8Array, proof, root)).toThrow();
    expect(() =>
      verifyInclusion(17, 49, leaves[17] as Uint8Array, proof, rootFromLeafHashes(leaves.slice(0, 49))),
    ).toThrow();
    const root30 = rootFromLeafHashes(leaves.slice(0, 30));
    expect(() => verifyConsistency(31, 50, consistencyProof(30, 50, nodes), root30, root)).toThrow();
  });

  it('refuses ranges outside the tree', () => {
    expect(() => inclusionProofRanges(5n, 5n)).toThrow('leaf index 5 is not in a tree of size 5');
    expect(() => consistencyProofRanges(0n, 5n)).toThrow();
    expect(() => consistencyProofRanges(6n, 5n)).toThrow();
  });

  it('decomposes ranges the same in numbers as in bigints, into maximal aligned parts that tile the range', () => {
    const cases: Array<[bigint, bigint]> = [];
    for (let lo = 0n; lo < 70n; lo++) for (let hi = lo; hi < 140n; hi++) cases.push([lo, hi]);
    for (let i = 0; i < 2000; i++) {
      const lo = BigInt(Math.floor(Math.random() * 2 ** 52));
      cases.push([lo, lo + BigInt(Math.floor(Math.random() * 2 ** (1 + (i % 50))))]);
    }
    cases.push([0n, 2n ** 53n - 1n], [2n ** 52n, 2n ** 53n - 1n]);
    for (const [lo, hi] of cases) {
      const parts = perfectDecomposition({ lo, hi });
      expect(parts, `[${lo}, ${hi})`).toEqual(decomposeBigints(lo, hi));
      let at = lo;
      for (const { level, index } of parts) {
        expect(index << BigInt(level)).toBe(at); // aligned and contiguous
        at += 1n << BigInt(level);
      }
      expect(at).toBe(hi);
    }
    // Past 2^53 the bigint path is taken.
    const big = { lo: 2n ** 60n, hi: 2n ** 60n + 2n ** 40n + 3n };
    expect(perfectDecomposition(big)).toEqual([
      { level: 40, index: 2n ** 20n },
      { level: 1, index: (2n ** 60n + 2n ** 40n) / 2n },
      { level: 0, index: 2n ** 60n + 2n ** 40n + 2n },
    ]);
  });

  it('fetches, for every inclusion proof, all the nodes it needs (the candidates the lookup statement reads)', () => {
    const missing: string[] = [];
    let checked = 0;
    const check = (m: bigint, n: bigint) => {
      const candidates = new Set(inclusionNodeCandidates(m, n).map(nodeKeyString));
      for (const key of nodesForRanges(inclusionProofRanges(m, n))) {
        checked++;
        if (!candidates.has(nodeKeyString(key))) missing.push(`leaf ${m}, size ${n}, node ${nodeKeyString(key)}`);
      }
    };
    for (let n = 1n; n <= 260n; n++) for (let m = 0n; m < n; m++) check(m, n);
    for (let i = 0; i < 3000; i++) {
      const n = 1n + BigInt(Math.floor(Math.random() * 2 ** (1 + (i % 53))));
      check(BigInt(Math.floor(Math.random() * Number(n))), n);
      check(n - 1n, n);
      check(0n, n);
    }
    expect(missing.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(200_000);
  });

  it('splits at the largest power of two below n, for numbers and bigints alike', () => {
    const sizes = [
      2n,
      3n,
      4n,
      5n,
      1023n,
      1024n,
      1025n,
      2n ** 52n + 1n,
      2n ** 53n - 1n,
      2n ** 53n,
      2n ** 53n + 1n,
      2n ** 63n,
    ];
    for (let n = 2n; n < 3000n; n++) sizes.push(n);
    for (const n of sizes) {
      const k = splitPoint(n);
      expect(k & (k - 1n), `${n}`).toBe(0n);
      expect(k < n && n <= 2n * k, `${n}`).toBe(true);
    }
  });
});
