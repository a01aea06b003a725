/**
 * The inclusion proof of every leaf of a batch in the tree the batch grew, from memory. Each
 * proof hash is a node of the old frontier, a new node, or the hash of a range on the new right
 * edge: a fold of the new frontier's last parts, the same few ranges for every leaf, so folded
 * once per batch instead of once per leaf. The result equals inclusionProofRanges mapped
 * through rangeHash, leaf by leaf (tested), in number arithmetic and array lookups.
 * @module
 */
import type { StoredNode } from './append';
import { BatchNodes } from './batch-nodes';
import { hashNode } from './node-hash';
import { floorLog2, frontierKeys, leafNumber, type NumberNodeKey, pow2 } from './ranges';

/**
 * Proofs for leaves size … size + k − 1 in the tree of size + k, given appendLeaves' input
 * frontier and its newNodes (which start with the k leaf hashes). Proof i is for leaf size + i.
 */
export function appendedLeafProofs(
  size: bigint,
  frontier: readonly StoredNode[],
  newNodes: readonly StoredNode[],
): Uint8Array[][] {
  const nodes = new BatchNodes(leafNumber(size), frontier);
  nodes.addNewNodes(newNodes);
  const newSize = leafNumber(size + BigInt(nodes.row(0).length));
  const edges = rightEdgeHashes(nodes, newSize);
  const proofs: Uint8Array[][] = [];
  for (let leaf = nodes.oldSize; leaf < newSize; leaf++) proofs.push(inclusionProof(leaf, newSize, nodes, edges));
  return proofs;
}

/**
 * The hashes of the right-edge ranges [start, newSize) that follow the old size, by start: the
 * only ranges in a new leaf's proof that are not single nodes.
 */
function rightEdgeHashes(nodes: BatchNodes, newSize: number): Map<number, Uint8Array> {
  const keys = frontierKeys(newSize);
  const edges = new Map<number, Uint8Array>();
  let acc: Uint8Array | undefined;
  for (let i = keys.length - 1; i >= 0; i--) {
    const { level, index } = keys[i] as NumberNodeKey;
    const start = index * pow2(level);
    if (start <= nodes.oldSize) break; // no new leaf has it on its right
    const hash = nodes.hash(level, index);
    acc = acc ? hashNode(hash, acc) : hash;
    edges.set(start, acc);
  }
  return edges;
}

/** inclusionProofRanges(leaf, size), each range replaced by its hash. */
function inclusionProof(
  leaf: number,
  size: number,
  nodes: BatchNodes,
  edges: ReadonlyMap<number, Uint8Array>,
): Uint8Array[] {
  const proof: Uint8Array[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const level = floorLog2(hi - lo - 1); // splitPoint(hi − lo) = 2^level
    const k = pow2(level);
    if (leaf - lo < k) {
      // The sibling [lo + k, hi) is a node when [lo, hi) is one; otherwise hi is the size.
      proof.push(hi - lo === 2 * k ? nodes.hash(level, lo / k + 1) : edgeHash(edges, lo + k));
      hi = lo + k;
    } else {
      proof.push(nodes.hash(level, lo / k));
      lo += k;
    }
  }
  return proof.reverse();
}

function edgeHash(edges: ReadonlyMap<number, Uint8Array>, start: number): Uint8Array {
  const hash = edges.get(start);
  if (!hash) throw new Error(`ledger: no right-edge hash from leaf ${start}`);
  return hash;
}
