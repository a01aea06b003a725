import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashChildren, hashLeaf, rootFromLeafHashes, verifyInclusion } from '@/lib/tlog';
import { appendLeaves, type StoredNode } from './append';
import { mapLookup, rangeHash } from './assemble';
import { appendedLeafProofs } from './batch-proofs';
import { hashLeafBytes, hashNode } from './node-hash';
import {
  floorLog2,
  frontierKeys,
  inclusionProofRanges,
  leafNumber,
  type NodeKey,
  nodeKeyString,
  perfectDecomposition,
} from './ranges';

const MAX_LEAVES = 6501;

function randomInt(max: number): number {
  return Math.floor(Math.random() * max);
}

/** Every complete subtree of the first MAX_LEAVES random leaves, level by level with lib/tlog's hashChildren. */
function referenceTree() {
  const leaves = Array.from({ length: MAX_LEAVES }, () => hashLeaf(randomBytes(8)));
  const nodes = new Map<string, Uint8Array>();
  let row = leaves;
  for (let level = 0; row.length > 0; level++) {
    row.forEach((hash, index) => {
      nodes.set(nodeKeyString({ level, index: BigInt(index) }), hash);
    });
    row = Array.from({ length: Math.floor(row.length / 2) }, (_, i) =>
      hashChildren(row[2 * i] as Uint8Array, row[2 * i + 1] as Uint8Array),
    );
  }
  return { leaves, nodes };
}

/** Hashes as one string: comparing strings is much faster than deep equality over byte arrays. */
function hex(hashes: readonly Uint8Array[]): string {
  return hashes.map((hash) => Buffer.from(hash).toString('hex')).join(' ');
}

function withHashes(keys: NodeKey[], nodes: ReadonlyMap<string, Uint8Array>): StoredNode[] {
  return keys.map((key) => ({ ...key, hash: nodes.get(nodeKeyString(key)) as Uint8Array }));
}

/** Old sizes 0..5000: every power of two and its neighbours, and random ones. */
function oldSizes(): number[] {
  const sizes = new Set<number>([0]);
  for (let p = 1; p <= 4096; p *= 2) for (const s of [p - 1, p, p + 1]) sizes.add(s);
  for (let i = 0; i < 15; i++) sizes.add(randomInt(5001));
  return [...sizes];
}

/** A batch size 1..1500 for the old size: mostly random, sometimes 1, 1500 or up to a power of two. */
function batchSize(oldSize: number): number {
  const choice = randomInt(6);
  if (choice === 0) return 1;
  if (choice === 1) return 1500;
  if (choice === 2) {
    const next = 2 ** Math.ceil(Math.log2(oldSize + 2));
    if (next - oldSize <= 1500) return next - oldSize;
  }
  return 1 + randomInt(1500);
}

describe('inclusion proofs for a whole appended batch', () => {
  it('equal the per-leaf proofs from ranges and stored nodes, and verify, for random old and batch sizes', {
    timeout: 120_000,
  }, () => {
    const { leaves, nodes } = referenceTree();
    const lookup = mapLookup(nodes);
    for (const size of oldSizes()) {
      const count = batchSize(size);
      const newSize = size + count;
      const where = `old size ${size}, batch ${count}`;
      const frontier = withHashes(perfectDecomposition({ lo: 0n, hi: BigInt(size) }), nodes);
      const appended = appendLeaves(BigInt(size), frontier, leaves.slice(size, newSize));
      const root = rootFromLeafHashes(leaves.slice(0, newSize));
      expect(hex([appended.root]), where).toBe(hex([root]));
      expect(hex(appended.newNodes.map((node) => node.hash)), where).toBe(
        hex(appended.newNodes.map((node) => nodes.get(nodeKeyString(node)) ?? new Uint8Array())),
      );

      const proofs = appendedLeafProofs(BigInt(size), frontier, appended.newNodes);
      expect(proofs, where).toHaveLength(count);
      proofs.forEach((proof, i) => {
        const leaf = size + i;
        const expected = inclusionProofRanges(BigInt(leaf), BigInt(newSize)).map((range) => rangeHash(range, lookup));
        expect(hex(proof), `${where}, leaf ${leaf}`).toBe(hex(expected));
        verifyInclusion(leaf, newSize, leaves[leaf] as Uint8Array, proof, root);
      });

      // A wrong leaf, index or size does not verify.
      const i = randomInt(count);
      const leaf = size + i;
      const proof = proofs[i] as Uint8Array[];
      const leafHash = leaves[leaf] as Uint8Array;
      expect(() =>
        verifyInclusion(leaf, newSize, leaves[leaf === 0 ? 1 : leaf - 1] as Uint8Array, proof, root),
      ).toThrow();
      if (newSize > 1)
        expect(() => verifyInclusion(leaf === 0 ? 1 : leaf - 1, newSize, leafHash, proof, root)).toThrow();
      expect(() =>
        verifyInclusion(leaf, newSize + 1, leafHash, proof, rootFromLeafHashes(leaves.slice(0, newSize + 1))),
      ).toThrow();
      if (leaf < newSize - 1) {
        expect(() =>
          verifyInclusion(leaf, newSize - 1, leafHash, proof, rootFromLeafHashes(leaves.slice(0, newSize - 1))),
        ).toThrow();
      }
    }
  });

  it('work beyond 32 bits, up to the largest size a number holds exactly', () => {
    const lastSafe = BigInt(Number.MAX_SAFE_INTEGER);
    for (const size of [2n ** 32n - 3n, 2n ** 32n, 2n ** 40n + 12_345n, lastSafe - 700n]) {
      // Nothing here reads the old leaves, so the old frontier can be random: only its shape matters.
      const frontier = perfectDecomposition({ lo: 0n, hi: size }).map((key) => ({
        ...key,
        hash: hashLeaf(randomBytes(8)),
      }));
      const leafHashes = Array.from({ length: 1 + randomInt(700) }, () => hashLeaf(randomBytes(8)));
      const newSize = size + BigInt(leafHashes.length);
      const appended = appendLeaves(size, frontier, leafHashes);
      const nodes = new Map<string, Uint8Array>();
      for (const node of [...frontier, ...appended.newNodes]) nodes.set(nodeKeyString(node), node.hash);
      const proofs = appendedLeafProofs(size, frontier, appended.newNodes);
      proofs.forEach((proof, i) => {
        const leaf = size + BigInt(i);
        const expected = inclusionProofRanges(leaf, newSize).map((range) => rangeHash(range, mapLookup(nodes)));
        expect(hex(proof), `size ${size}, leaf ${leaf}`).toBe(hex(expected));
        verifyInclusion(leaf, newSize, leafHashes[i] as Uint8Array, proof, appended.root);
      });
    }
    const full = perfectDecomposition({ lo: 0n, hi: lastSafe }).map((key) => ({
      ...key,
      hash: hashLeaf(randomBytes(8)),
    }));
    expect(() => appendLeaves(lastSafe, full, [hashLeaf(new Uint8Array(1))])).toThrow(RangeError);
  });

  it('refuse a frontier that is not the one of the old size, and new nodes out of order', () => {
    const leafHashes = Array.from({ length: 20 }, () => hashLeaf(randomBytes(8)));
    const first = appendLeaves(0n, [], leafHashes.slice(0, 13));
    expect(() => appendLeaves(12n, first.frontier, leafHashes.slice(13))).toThrow('frontier');
    expect(() => appendLeaves(13n, first.frontier.slice(1), leafHashes.slice(13))).toThrow('frontier');
    expect(() => appendLeaves(14n, first.frontier, leafHashes.slice(14))).toThrow('should be 1:6, not 0:12');
    const next = appendLeaves(13n, first.frontier, leafHashes.slice(13));
    expect(() => appendedLeafProofs(13n, first.frontier, next.newNodes.slice(1))).toThrow('expected new node');
    expect(() => appendedLeafProofs(13n, first.frontier, next.newNodes.slice(0, -1))).toThrow();
  });
});

describe('number arithmetic and the server node hash', () => {
  it('frontierKeys is perfectDecomposition of [0, n), also above 2^32', () => {
    const sizes = [0, 1, 2, 3, 5, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 200; i++) sizes.push(Math.floor(Math.random() * 2 ** (1 + randomInt(53))));
    for (const n of sizes) {
      const expected = perfectDecomposition({ lo: 0n, hi: BigInt(n) }).map((k) => ({ ...k, index: Number(k.index) }));
      expect(frontierKeys(n), `size ${n}`).toEqual(expected);
      if (n > 0) expect(floorLog2(n), `size ${n}`).toBe(BigInt(n).toString(2).length - 1);
    }
    expect(() => leafNumber(-1n)).toThrow(RangeError);
    expect(() => leafNumber(2n ** 53n)).toThrow(RangeError);
  });

  it('hashNode gives the same bytes as lib/tlog hashChildren and refuses children of the wrong size', () => {
    for (let i = 0; i < 100; i++) {
      const left = new Uint8Array(randomBytes(32));
      const right = new Uint8Array(randomBytes(32));
      const hash = hashNode(left, right);
      expect(hash).toEqual(hashChildren(left, right));
      expect(hash.constructor).toBe(Uint8Array);
    }
    expect(() => hashNode(new Uint8Array(31), new Uint8Array(32))).toThrow(RangeError);
    expect(() => hashNode(new Uint8Array(32), new Uint8Array(33))).toThrow(RangeError);
  });

  it('hashLeafBytes gives the same bytes as lib/tlog hashLeaf, for empty and long leaves too', () => {
    for (const length of [0, 1, 55, 56, 64, 300, 4096]) {
      const leaf = new Uint8Array(randomBytes(length));
      expect(hashLeafBytes(leaf)).toEqual(hashLeaf(leaf));
    }
  });
});
