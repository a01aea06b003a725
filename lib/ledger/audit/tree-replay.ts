/**
 * Rebuilds the tree as the sequencer did, by appending the checked leaf hashes with the
 * sequencer's own appendLeaves, and compares every node it produces with the stored one. Only
 * the frontier (≤ 64 nodes) is carried between appends, so memory stays bounded.
 * @module
 */
import { bytesEqual, emptyRoot } from '@/lib/tlog';
import { appendLeaves, frontierRoot, type StoredNode } from '../tree/append';
import { nodeKeyString } from '../tree/ranges';
import type { UnknownLeaves } from './check-leaves';
import type { FindingLog } from './findings';

export class TreeReplay {
  size = 0n;
  private frontier: StoredNode[] = [];

  constructor(
    private readonly findings: FindingLog,
    private readonly unknown: UnknownLeaves,
  ) {}

  /**
   * Appends `leafHashes` and compares each new node at level ≥ 1 with `stored` (level 0 was
   * compared by the leaf checks). Returns how many nodes were compared.
   */
  append(leafHashes: readonly Uint8Array[], stored: ReadonlyMap<string, Uint8Array>): number {
    if (leafHashes.length === 0) return 0;
    const result = appendLeaves(this.size, this.frontier, leafHashes);
    let compared = leafHashes.length;
    for (const node of result.newNodes) {
      if (node.level === 0) continue;
      const lo = node.index << BigInt(node.level);
      const hi = lo + (1n << BigInt(node.level));
      if (this.unknown.overlaps(lo, hi)) continue;
      compared++;
      const hash = stored.get(nodeKeyString(node));
      const where = `node ${node.level}:${node.index} (leaves ${lo}–${hi - 1n})`;
      if (!hash) {
        this.findings.add({
          kind: 'NODE_MISSING',
          leafIndex: lo,
          level: node.level,
          nodeIndex: node.index,
          message: `${where}: missing from log_nodes`,
        });
      } else if (!bytesEqual(hash, node.hash)) {
        this.findings.add({
          kind: 'NODE_MISMATCH',
          leafIndex: lo,
          level: node.level,
          nodeIndex: node.index,
          message: `${where}: stored hash does not match the hash of its children recomputed from the leaves`,
        });
      }
    }
    // The frontier keeps the recomputed hashes, so a bad stored node is reported once, not again at each ancestor.
    this.frontier = result.frontier;
    this.size += BigInt(leafHashes.length);
    return compared;
  }

  /** The root of the leaves so far, or null when it depends on a leaf whose hash is unknown. */
  root(): Uint8Array | null {
    if (this.unknown.overlaps(0n, this.size)) return null;
    return this.size === 0n ? emptyRoot() : frontierRoot(this.frontier);
  }
}
