/**
 * Extending the tree: the new complete subtrees created by appending leaf hashes to a tree of
 * size n, given the tree's right edge ("frontier": the perfect decomposition of [0, n)).
 * Everything else in the stored tree is untouched, which is why the node table can be
 * append-only.
 * @module
 */
import { hashChildren } from '@/lib/tlog';
import { type NodeKey, nodeKeyString, perfectDecomposition } from './ranges';

export interface StoredNode extends NodeKey {
  hash: Uint8Array;
}

export interface AppendResult {
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
  const known = new Map<string, Uint8Array>();
  for (const node of frontier) known.set(nodeKeyString(node), node.hash);
  const newNodes: StoredNode[] = [];
  const newSize = size + BigInt(leafHashes.length);
  leafHashes.forEach((hash, i) => {
    const node = { level: 0, index: size + BigInt(i), hash };
    known.set(nodeKeyString(node), hash);
    newNodes.push(node);
  });
  // Level by level, every node that completes in this batch: its right edge passes the old size.
  for (let level = 1; level < 64; level++) {
    const width = 1n << BigInt(level);
    if (width > newSize) break;
    const first = size / width; // the first node at this level that was not complete before
    const last = newSize / width; // exclusive
    for (let index = first; index < last; index++) {
      const left = known.get(nodeKeyString({ level: level - 1, index: 2n * index }));
      const right = known.get(nodeKeyString({ level: level - 1, index: 2n * index + 1n }));
      if (!left || !right) throw new Error(`ledger: cannot build node ${level}:${index}: a child is missing`);
      const node = { level, index, hash: hashChildren(left, right) };
      known.set(nodeKeyString(node), node.hash);
      newNodes.push(node);
    }
  }
  const nextFrontier = perfectDecomposition({ lo: 0n, hi: newSize }).map((key) => {
    const hash = known.get(nodeKeyString(key));
    if (!hash) throw new Error(`ledger: frontier node ${nodeKeyString(key)} is missing`);
    return { ...key, hash };
  });
  return { newNodes, frontier: nextFrontier, root: frontierRoot(nextFrontier) };
}

/** The root of a tree from its frontier (RFC 6962 MTH). */
export function frontierRoot(frontier: readonly StoredNode[]): Uint8Array {
  const last = frontier.at(-1);
  if (!last) throw new Error('ledger: the empty tree has no frontier root');
  let acc = last.hash;
  for (let i = frontier.length - 2; i >= 0; i--) acc = hashChildren((frontier[i] as StoredNode).hash, acc);
  return acc;
}
