/**
 * Extending the tree: the new complete subtrees created by appending leaf hashes to a tree of
 * size n, given the tree's right edge ("frontier": the perfect decomposition of [0, n)).
 * Everything else in the stored tree is untouched, which is why the node table can be
 * append-only.
 * @module
 */
import { BatchNodes } from './batch-nodes';
import { hashNode } from './node-hash';
import { frontierKeys, leafNumber, type NodeKey, pow2 } from './ranges';

export interface StoredNode extends NodeKey {
  hash: Uint8Array;
}

export interface AppendResult {
  /** Level by level, each level in index order (leaves first). */
  newNodes: StoredNode[];
  frontier: StoredNode[];
  root: Uint8Array;
}

/** `frontier` must be exactly perfectDecomposition([0, size)) with hashes. */
export function appendLeaves(
  size: bigint,
  frontier: readonly StoredNode[],
  leafHashes: readonly Uint8Array[],
): AppendResult {
  const nodes = new BatchNodes(leafNumber(size), frontier);
  const newSize = leafNumber(size + BigInt(leafHashes.length));
  const leaves = nodes.row(0);
  for (const hash of leafHashes) leaves.push(hash);
  // Level by level, every node that completes in this batch: its right edge passes the old size.
  for (let level = 1; pow2(level) <= newSize; level++) {
    const row = nodes.row(level);
    const last = Math.floor(newSize / pow2(level)); // exclusive
    for (let index = nodes.firstNew(level); index < last; index++) {
      row.push(hashNode(nodes.hash(level - 1, 2 * index), nodes.hash(level - 1, 2 * index + 1)));
    }
  }
  const nextFrontier = frontierKeys(newSize).map(({ level, index }) => ({
    level,
    index: BigInt(index),
    hash: nodes.hash(level, index),
  }));
  return { newNodes: nodes.newNodes(), frontier: nextFrontier, root: frontierRoot(nextFrontier) };
}

/** The root of a tree from its frontier (RFC 6962 MTH). */
export function frontierRoot(frontier: readonly StoredNode[]): Uint8Array {
  const last = frontier.at(-1);
  if (!last) throw new Error('ledger: the empty tree has no frontier root');
  let acc = last.hash;
  for (let i = frontier.length - 2; i >= 0; i--) acc = hashNode((frontier[i] as StoredNode).hash, acc);
  return acc;
}
