/**
 * Turns ranges into hashes, given the stored nodes they decompose into. A right-edge range
 * that is not a perfect subtree is the fold of its perfect parts, right to left, exactly as
 * RFC 6962's MTH splits at the largest power of two.
 * @module
 */
import { hashNode } from './node-hash';
import { type LeafRange, type NodeKey, nodeKeyString, perfectDecomposition } from './ranges';

export type NodeLookup = (key: NodeKey) => Uint8Array | undefined;

export function rangeHash(range: LeafRange, lookup: NodeLookup): Uint8Array {
  const parts = perfectDecomposition(range).map((key) => {
    const hash = lookup(key);
    if (!hash) throw new Error(`ledger: node ${nodeKeyString(key)} needed for [${range.lo}, ${range.hi}) is missing`);
    return hash;
  });
  let acc = parts.pop();
  if (!acc) throw new Error(`ledger: empty range [${range.lo}, ${range.hi})`);
  for (let i = parts.length - 1; i >= 0; i--) acc = hashNode(parts[i] as Uint8Array, acc);
  return acc;
}

export function mapLookup(nodes: ReadonlyMap<string, Uint8Array>): NodeLookup {
  return (key) => nodes.get(nodeKeyString(key));
}

/** The hashes of a proof's ranges from the stored nodes found for it. */
export function rangeHashes(ranges: readonly LeafRange[], lookup: NodeLookup): Uint8Array[] {
  return ranges.map((range) => rangeHash(range, lookup));
}
