/**
 * The nodes one append touches, held in memory by number: the old frontier (at most one node
 * per level) and, per level, the dense row of nodes the append completes. Every node an append
 * hashes, and every stored node in the inclusion proof of an appended leaf, is one of these, so
 * a lookup is an array index instead of a map lookup by string.
 * @module
 */
import type { StoredNode } from './append';
import { frontierKeys, pow2 } from './ranges';

/** Leaf counts stay below 2^53, so no node is above level 53. */
const MAX_LEVEL = 53;

export class BatchNodes {
  private readonly old: Array<{ index: number; hash: Uint8Array } | undefined> = [];
  private readonly rows: Uint8Array[][] = [];
  /** firstNew by level, worked out once: lookups are the hot path. */
  private readonly first: number[] = [];

  /** `frontier` must be exactly perfectDecomposition([0, oldSize)) with hashes. */
  constructor(
    readonly oldSize: number,
    frontier: readonly StoredNode[],
  ) {
    for (let level = 0; level <= MAX_LEVEL; level++) this.first.push(Math.floor(oldSize / pow2(level)));
    const keys = frontierKeys(oldSize);
    if (frontier.length !== keys.length) {
      throw new Error(`ledger: the frontier of size ${oldSize} has ${keys.length} nodes, got ${frontier.length}`);
    }
    keys.forEach(({ level, index }, i) => {
      const node = frontier[i] as StoredNode;
      if (node.level !== level || node.index !== BigInt(index)) {
        throw new Error(
          `ledger: frontier node ${i} of size ${oldSize} should be ${level}:${index}, not ${node.level}:${node.index}`,
        );
      }
      this.old[level] = { index, hash: node.hash };
    });
  }

  /** The first node at `level` the append completes: every one before it was complete already. */
  firstNew(level: number): number {
    const first = this.first[level];
    if (first === undefined) throw new RangeError(`ledger: no level ${level} in a tree below 2^53 leaves`);
    return first;
  }

  /** The new nodes at `level`, in index order from firstNew(level); appending to it adds nodes. */
  row(level: number): Uint8Array[] {
    let row = this.rows[level];
    if (!row) {
      row = [];
      this.rows[level] = row;
    }
    return row;
  }

  hash(level: number, index: number): Uint8Array {
    const first = this.firstNew(level);
    const old = this.old[level];
    const hash = index >= first ? this.rows[level]?.[index - first] : old?.index === index ? old.hash : undefined;
    if (!hash) {
      throw new Error(`ledger: node ${level}:${index} is neither on the frontier of size ${this.oldSize} nor new`);
    }
    return hash;
  }

  /** Adds appendLeaves' newNodes: level by level, each level in index order from firstNew. */
  addNewNodes(nodes: readonly StoredNode[]): void {
    for (const node of nodes) {
      const row = this.row(node.level);
      const index = this.firstNew(node.level) + row.length;
      if (node.index !== BigInt(index)) {
        throw new Error(
          `ledger: expected new node ${node.level}:${index} after size ${this.oldSize}, got ${node.index}`,
        );
      }
      row.push(node.hash);
    }
  }

  /** The new nodes as stored: level by level, each level in index order. */
  newNodes(): StoredNode[] {
    const out: StoredNode[] = [];
    this.rows.forEach((row, level) => {
      const first = this.firstNew(level);
      row.forEach((hash, i) => {
        out.push({ level, index: BigInt(first + i), hash });
      });
    });
    return out;
  }
}
