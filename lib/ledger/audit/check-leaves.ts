/**
 * Per-leaf checks over one chunk of leaf indexes, and the hash each position feeds into the
 * tree replay.
 * @module
 */
import { bytesEqual, hashLeaf } from '@/lib/tlog';
import { type LeafRange, nodeKeyString } from '../tree/ranges';
import type { FindingLog } from './findings';
import type { LeafRow } from './read-ledger';

/**
 * Positions whose hash cannot be known (no log_leaves row and no stored level-0 node), as
 * merged ranges. Checks over them are skipped rather than failed: the gap is already reported,
 * and a placeholder hash would make every node and checkpoint root above it "mismatch".
 */
export class UnknownLeaves {
  private readonly ranges: LeafRange[] = [];

  /** Indexes arrive in increasing order, so a hole is one range however long. */
  add(index: bigint): void {
    const last = this.ranges.at(-1);
    if (last && last.hi === index) last.hi = index + 1n;
    else this.ranges.push({ lo: index, hi: index + 1n });
  }

  /** Whether [lo, hi) contains an unknown position. */
  overlaps(lo: bigint, hi: bigint): boolean {
    let a = 0;
    let b = this.ranges.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((this.ranges[mid] as LeafRange).hi <= lo) a = mid + 1;
      else b = mid;
    }
    const range = this.ranges[a];
    return range !== undefined && range.lo < hi;
  }
}

/** Reports runs of missing leaf indexes as one finding each, even across chunks. */
export class GapTracker {
  private from: bigint | null = null;

  constructor(private readonly findings: FindingLog) {}

  missing(index: bigint): void {
    if (this.from === null) this.from = index;
  }

  /** Ends the current run, if any, before `index`. */
  close(index: bigint): void {
    const from = this.from;
    if (from === null) return;
    this.from = null;
    const which = index - from === 1n ? `leaf ${from}` : `leaves ${from}–${index - 1n}`;
    this.findings.add({
      kind: 'INDEX_GAP',
      leafIndex: from,
      message: `${which}: missing from log_leaves (leaf indexes must run from 0 without gaps)`,
    });
  }
}

export interface LeafChecks {
  findings: FindingLog;
  gaps: GapTracker;
  unknown: UnknownLeaves;
}

const PLACEHOLDER = new Uint8Array(32);

/**
 * Checks leaves [lo, hi) and returns the hash of each position for the replay. `rows` are the
 * log_leaves rows in that range in order; `stored` holds at least the stored level-0 nodes.
 */
export function checkLeafChunk(
  lo: bigint,
  hi: bigint,
  rows: readonly LeafRow[],
  stored: ReadonlyMap<string, Uint8Array>,
  checks: LeafChecks,
): Uint8Array[] {
  const hashes: Uint8Array[] = [];
  let next = 0;
  for (let i = lo; i < hi; i++) {
    const row = rows[next]?.leafIndex === i ? rows[next++] : undefined;
    const node = stored.get(nodeKeyString({ level: 0, index: i }));
    if (row) checks.gaps.close(i);
    else checks.gaps.missing(i);
    if (!node) {
      checks.findings.add({
        kind: 'NODE_MISSING',
        leafIndex: i,
        level: 0,
        nodeIndex: i,
        message: `leaf ${i}: its level-0 node (the leaf hash in the tree) is missing from log_nodes`,
      });
    }
    const hash = row ? checkLeaf(row, node, checks.findings) : node;
    if (hash) hashes.push(hash);
    else {
      checks.unknown.add(i);
      hashes.push(PLACEHOLDER);
    }
  }
  return hashes;
}

/**
 * Compares the hash of the leaf bytes (R), the deposit's stored leaf_hash (D) and the stored
 * level-0 node (S). The replay continues with the value two of them agree on, so one edited
 * row is reported once, where it was edited, and not again at every node and checkpoint
 * above it. When nothing is reported, R = D = S and the replay is over the leaf bytes.
 */
function checkLeaf(row: LeafRow, stored: Uint8Array | undefined, findings: FindingLog): Uint8Array | undefined {
  const at = row.leafIndex;
  const depositId = row.depositId;
  if (row.leaf === null || row.leafHash === null) {
    findings.add({
      kind: 'MISSING_DEPOSIT',
      leafIndex: at,
      depositId,
      message: `leaf ${at}: its deposit ${depositId} does not exist`,
    });
    return stored;
  }
  const fromBytes = hashLeaf(row.leaf);
  const leafHashOk = bytesEqual(fromBytes, row.leafHash);
  if (!leafHashOk) {
    findings.add({
      kind: 'LEAF_HASH_MISMATCH',
      leafIndex: at,
      depositId,
      message: `leaf ${at}: stored leaf hash does not match the leaf bytes (deposit ${depositId})`,
    });
  }
  if (!stored) return fromBytes;
  const storedIsBytes = bytesEqual(stored, fromBytes);
  if (!storedIsBytes && !bytesEqual(stored, row.leafHash)) {
    findings.add({
      kind: 'NODE_MISMATCH',
      leafIndex: at,
      level: 0,
      nodeIndex: at,
      depositId,
      message: `leaf ${at}: stored level-0 node does not match the leaf hash (deposit ${depositId})`,
    });
  }
  return leafHashOk || storedIsBytes ? fromBytes : stored;
}
