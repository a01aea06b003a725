/**
 * What the ledger audit reports. Findings carry plain-words messages (the CLI prints them as
 * they are) and the coordinates a program needs: leaf index, node, tree size, deposit.
 * @module
 */

export const AUDIT_FINDING_KINDS = [
  /** A deposit's stored leaf_hash is not SHA-256(0x00 || leaf) of its leaf bytes. */
  'LEAF_HASH_MISMATCH',
  /** A stored node differs from the one recomputed from the leaves. */
  'NODE_MISMATCH',
  /** A node that a tree of this size has is not stored. */
  'NODE_MISSING',
  /** A stored node that a tree of this size would not have. */
  'UNEXPECTED_NODE',
  /** Leaf indexes are not contiguous from 0. */
  'INDEX_GAP',
  /** A log_leaves row names a deposit that does not exist. */
  'MISSING_DEPOSIT',
  /** A checkpoint note does not verify with the log's key. */
  'CHECKPOINT_SIGNATURE',
  /** A checkpoint row's tree_size differs from the size in its signed note. */
  'CHECKPOINT_SIZE_MISMATCH',
  /** A checkpoint's root differs from its signed note, or from the root of the leaves. */
  'CHECKPOINT_ROOT_MISMATCH',
  /** Two consecutive checkpoints cannot be proved consistent from the stored nodes. */
  'INCONSISTENT_CHECKPOINTS',
  /** Leaves beyond the latest checkpoint: sealing stores both together, so something was removed or added. */
  'UNCHECKPOINTED_LEAVES',
  /** A deposit that is neither in the log nor waiting in sequence_queue. */
  'ORPHAN_DEPOSIT',
  /** A stored witness cosignature does not verify with its stored key over its checkpoint. */
  'COSIGNATURE_INVALID',
  /** A witness refused a checkpoint in a way that means it saw another history of the log (witness_alarms). */
  'WITNESS_ALARM',
] as const;

export type AuditFindingKind = (typeof AUDIT_FINDING_KINDS)[number];

export interface AuditFinding {
  kind: AuditFindingKind;
  /** Plain words, starting with what is affected ("leaf 1234: …"). */
  message: string;
  /** The leaf, or for a node the first leaf it covers. */
  leafIndex?: bigint;
  level?: number;
  nodeIndex?: bigint;
  treeSize?: bigint;
  /** For INCONSISTENT_CHECKPOINTS: the older checkpoint's size. */
  previousTreeSize?: bigint;
  depositId?: string;
  /** For WITNESS_ALARM: the stored alarm's ID (its evidence: GET /api/v1/log/alarms). */
  alarmId?: string;
}

export interface LedgerAuditReport {
  /** True when there is no finding at all. */
  ok: boolean;
  /** The size audited: the larger of the leaf count implied by log_leaves and the latest checkpoint. */
  treeSize: bigint;
  leavesChecked: number;
  nodesChecked: number;
  checkpointsChecked: number;
  /** The first findings, at most `maxFindings` of them. */
  findings: AuditFinding[];
  /** Every finding, including those not collected. */
  findingsTotal: number;
  truncated: boolean;
  /** The smallest leaf index touched by a leaf or node finding; null when the tree itself is intact. */
  firstBadLeafIndex: bigint | null;
  /** Witness alarms stored (each is also a WITNESS_ALARM finding). */
  witnessAlarms: number;
  /** Witness cosignatures checked. */
  cosignaturesChecked: number;
  durationMs: number;
}

/** Kinds about the tree's content: they name the leaf (or first leaf of the node) that is bad. */
const TREE_KINDS: ReadonlySet<AuditFindingKind> = new Set([
  'LEAF_HASH_MISMATCH',
  'NODE_MISMATCH',
  'NODE_MISSING',
  'UNEXPECTED_NODE',
  'INDEX_GAP',
  'MISSING_DEPOSIT',
]);

/** Collects findings up to a limit, but counts all of them and tracks the first bad leaf over all. */
export class FindingLog {
  readonly findings: AuditFinding[] = [];
  total = 0;
  firstBadLeafIndex: bigint | null = null;

  constructor(private readonly max: number) {}

  add(finding: AuditFinding): void {
    this.total++;
    const at = finding.leafIndex;
    if (at !== undefined && TREE_KINDS.has(finding.kind)) {
      if (this.firstBadLeafIndex === null || at < this.firstBadLeafIndex) this.firstBadLeafIndex = at;
    }
    if (this.findings.length < this.max) this.findings.push(finding);
  }
}
