/**
 * The stored nodes of a log's upper levels, held in memory by each server process: every proof
 * of a lookup needs one or two of them per level, and they are few (a node at level L covers
 * 2^L leaves) and never change (a stored node is a complete subtree, and the ledger's tables
 * refuse UPDATE). So a lookup's statement fetches only the nodes this cache lacks.
 *
 * Each cached level holds a contiguous prefix of its nodes, indexes [0, count), which a
 * refresh extends from the store. Levels below `minLevel` are not cached (a million-leaf log
 * has half a million nodes at level 1, and a random proof needs one of them), and each level
 * keeps at most `maxPerLevel` nodes, so memory stays bounded however long the log grows:
 * 32 bytes a node, about 250 KB for a million leaves with the defaults.
 * @module
 */
import { HASH_SIZE } from '@/lib/tlog';
import type { NodeKey } from './ranges';

/** Levels a lookup can probe (log_nodes.level is 0–63; the lookup statement walks 0–62). */
export const PROBED_LEVELS = 63;

export interface UpperNodesOptions {
  /** The lowest level held (default 8: nodes of 256 leaves and up). */
  minLevel?: number;
  /** Nodes held per level at most (default 65,536: 2 MB). */
  maxPerLevel?: number;
}

/** A range of a level's nodes to read from the store: indexes [from, to). */
export interface NodeRange {
  level: number;
  from: number;
  to: number;
}

interface Level {
  hashes: Uint8Array;
  count: number;
}

export class UpperNodes {
  readonly minLevel: number;
  readonly maxPerLevel: number;
  private readonly levels: Level[] = [];
  private literal: string | undefined;

  constructor(options: UpperNodesOptions = {}) {
    this.minLevel = options.minLevel ?? 8;
    this.maxPerLevel = options.maxPerLevel ?? 65_536;
    if (!Number.isInteger(this.minLevel) || this.minLevel < 0 || this.minLevel >= PROBED_LEVELS)
      throw new RangeError(`minLevel must be an integer in [0, ${PROBED_LEVELS}), got ${this.minLevel}`);
    if (!Number.isInteger(this.maxPerLevel) || this.maxPerLevel < 1)
      throw new RangeError(`maxPerLevel must be a positive integer, got ${this.maxPerLevel}`);
  }

  /** How many nodes of `level` are held: indexes [0, count). */
  count(level: number): number {
    return this.levels[level]?.count ?? 0;
  }

  /**
   * The counts of levels 0–62 as a PostgreSQL array literal, the int8[] parameter with which the
   * statement skips the held nodes (made once per change: every lookup sends it).
   */
  counts(): string {
    this.literal ??= `{${Array.from({ length: PROBED_LEVELS }, (_, level) => this.count(level)).join(',')}}`;
    return this.literal;
  }

  /** The node's hash if held (a view: callers must not modify it). */
  get({ level, index }: NodeKey): Uint8Array | undefined {
    const held = this.levels[level];
    if (!held || index >= BigInt(held.count) || index < 0n) return undefined;
    const at = Number(index) * HASH_SIZE;
    return held.hashes.subarray(at, at + HASH_SIZE);
  }

  /** What to read from the store to hold every complete node of a tree of `treeSize` leaves the limits allow. */
  missing(treeSize: bigint): NodeRange[] {
    const out: NodeRange[] = [];
    for (let level = this.minLevel; level < PROBED_LEVELS; level++) {
      const complete = treeSize >> BigInt(level);
      if (complete === 0n) break;
      const to = Number(complete < BigInt(this.maxPerLevel) ? complete : BigInt(this.maxPerLevel));
      const from = this.count(level);
      if (from < to) out.push({ level, from, to });
    }
    return out;
  }

  /**
   * Appends nodes read from the store: `hashes[i]` is node `from + i` of `level`. Only a
   * continuation of the held prefix is taken (anything else is ignored: a refresh that raced
   * another), within maxPerLevel; a hash that is not 32 bytes is refused.
   */
  extend(level: number, from: number, hashes: readonly Uint8Array[]): void {
    if (level < this.minLevel || level >= PROBED_LEVELS || from !== this.count(level)) return;
    const take = Math.min(hashes.length, this.maxPerLevel - from);
    if (take <= 0) return;
    for (let i = 0; i < take; i++) {
      if (hashes[i]?.length !== HASH_SIZE) throw new Error(`ledger: a stored node hash is not ${HASH_SIZE} bytes`);
    }
    const held = this.levels[level] ?? { hashes: new Uint8Array(0), count: 0 };
    const needed = (from + take) * HASH_SIZE;
    if (held.hashes.length < needed) {
      // Grow by doubling; views handed out keep the old buffer, whose bytes never change.
      const grown = new Uint8Array(Math.min(Math.max(needed, held.hashes.length * 2), this.maxPerLevel * HASH_SIZE));
      grown.set(held.hashes.subarray(0, held.count * HASH_SIZE));
      held.hashes = grown;
    }
    for (let i = 0; i < take; i++) held.hashes.set(hashes[i] as Uint8Array, (from + i) * HASH_SIZE);
    held.count = from + take;
    this.levels[level] = held;
    this.literal = undefined;
  }
}
