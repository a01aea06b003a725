import 'server-only';
/**
 * The ledger audit: re-derives the whole log from the deposits' leaf bytes and checks every
 * stored leaf hash, node and checkpoint against it, reading in chunks of leaf indexes so that
 * millions of leaves need no more memory than one chunk. See README.md beside this file.
 */
import type pg from 'pg';
import { parseVerifierKey } from '@/lib/tlog';
import { listAlarms, type StoredAlarm } from '@/lib/witnessing/witness-store';
import { nodeKeyString } from '../tree/ranges';
import { CheckpointChecker } from './check-checkpoints';
import { checkCosignatures } from './check-cosignatures';
import { checkLeafChunk, GapTracker, UnknownLeaves } from './check-leaves';
import { FindingLog, type LedgerAuditReport } from './findings';
import {
  CheckpointCursor,
  readLeafRows,
  readLogExtent,
  readNodesCompletingIn,
  readOrphanDeposits,
  readUnexpectedNodes,
} from './read-ledger';
import { TreeReplay } from './tree-replay';

export type { AuditFinding, AuditFindingKind, LedgerAuditReport } from './findings';

export interface AuditProgress {
  treeSize: bigint;
  leavesChecked: number;
  nodesChecked: number;
  checkpointsChecked: number;
}

export interface VerifyLedgerOptions {
  pool: pg.Pool;
  /** The log's signed-note verifier key, `<origin>+<hex8>+<base64>`. */
  verifierKey: string;
  onProgress?: (progress: AuditProgress) => void;
  /** Leaf indexes read per query. */
  chunkSize?: number;
  /** Findings kept in the report; the rest are only counted. */
  maxFindings?: number;
}

export async function verifyLedger(options: VerifyLedgerOptions): Promise<LedgerAuditReport> {
  const started = performance.now();
  const { chunkSize = 10_000, maxFindings = 100 } = options;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize must be a positive integer');
  if (!Number.isSafeInteger(maxFindings) || maxFindings < 0) throw new RangeError('maxFindings must be 0 or more');
  // A malformed key is the caller's mistake, not a finding: let it throw before touching the database.
  const verifier = parseVerifierKey(options.verifierKey);
  const client = await options.pool.connect();
  try {
    // One snapshot for the whole audit: the sequencer may seal meanwhile, and each seal commits its
    // leaves, nodes and checkpoint together, so a snapshot always shows a whole number of batches.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const findings = new FindingLog(maxFindings);
    const counts = await audit(client, verifier, findings, { ...options, chunkSize, maxFindings });
    const cosignaturesChecked = await checkCosignatures(client, findings);
    const witnessAlarms = await reportWitnessAlarms(client, findings, Math.max(1, maxFindings));
    await client.query('COMMIT');
    return {
      ok: findings.total === 0,
      ...counts,
      witnessAlarms,
      cosignaturesChecked,
      findings: findings.findings,
      findingsTotal: findings.total,
      truncated: findings.total > findings.findings.length,
      firstBadLeafIndex: findings.firstBadLeafIndex,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const ALARM_WORDS = {
  proof_refused: (a: StoredAlarm) =>
    `refused the proof that the log's checkpoint of size ${a.checkpointSize} extends size ${a.oldSize}: it holds another history`,
  other_root: (a: StoredAlarm) => `holds another tree of size ${a.checkpointSize} than the log signed`,
  ahead_of_log: (a: StoredAlarm) =>
    `holds a checkpoint of size ${a.witnessSize ?? '?'}, larger than any the log signed (${a.checkpointSize} when asked)`,
} as const;

/** Every stored witness alarm is a finding (the first `limit` listed, the rest counted). */
async function reportWitnessAlarms(client: pg.PoolClient, findings: FindingLog, limit: number): Promise<number> {
  const { total, alarms } = await listAlarms(limit, client);
  for (const a of alarms) {
    findings.add({
      kind: 'WITNESS_ALARM',
      treeSize: BigInt(a.checkpointSize),
      alarmId: a.id,
      message: `witness ${a.witness.name} (${a.witness.url}) ${ALARM_WORDS[a.kind](a)} — answered ${a.status} at ${a.detectedAt}; alarm ${a.id}`,
    });
  }
  findings.total += total - alarms.length;
  return total;
}

async function audit(
  client: pg.PoolClient,
  verifier: ReturnType<typeof parseVerifierKey>,
  findings: FindingLog,
  options: VerifyLedgerOptions & { chunkSize: number; maxFindings: number },
): Promise<AuditProgress> {
  const chunk = BigInt(options.chunkSize);
  const limit = Math.max(1, options.maxFindings); // at least one row, which carries the total count
  const { leafEnd, checkpointEnd } = await readLogExtent(client);
  const signedEnd = checkpointEnd ?? 0n;
  // Audit up to whichever is larger, so leaves missing at the end show up as a gap.
  const treeSize = leafEnd > signedEnd ? leafEnd : signedEnd;
  if (leafEnd > signedEnd) {
    findings.add({
      kind: 'UNCHECKPOINTED_LEAVES',
      treeSize: signedEnd,
      leafIndex: signedEnd,
      message: `leaves ${signedEnd}–${leafEnd - 1n}: in the log but in no checkpoint (the latest is for size ${signedEnd})`,
    });
  }

  const unknown = new UnknownLeaves();
  const gaps = new GapTracker(findings);
  const replay = new TreeReplay(findings, unknown);
  const checkpoints = new CheckpointCursor(client);
  const checker = new CheckpointChecker(client, verifier, findings);
  let nodesChecked = 0;
  const progress = (): AuditProgress => ({
    treeSize,
    leavesChecked: Number(replay.size),
    nodesChecked,
    checkpointsChecked: checker.checked,
  });
  const checkpointsAtReplaySize = async () => {
    for (let row = await checkpoints.peek(); row?.treeSize === replay.size; row = await checkpoints.peek()) {
      checkpoints.take();
      await checker.check(row, replay.root());
    }
  };

  await checkpointsAtReplaySize(); // the empty tree's checkpoint
  for (let lo = 0n; lo < treeSize; ) {
    const hi = lo + chunk < treeSize ? lo + chunk : treeSize;
    const rows = await readLeafRows(client, lo, hi);
    const stored = await readNodesCompletingIn(client, lo, hi);
    const hashes = checkLeafChunk(lo, hi, rows, stored, { findings, gaps, unknown });
    // Append in segments that end at each checkpoint's size, so each root is checked at its size.
    while (replay.size < hi) {
      const next = await checkpoints.peek();
      const end = next && next.treeSize > replay.size && next.treeSize < hi ? next.treeSize : hi;
      nodesChecked += replay.append(hashes.slice(Number(replay.size - lo), Number(end - lo)), stored);
      await checkpointsAtReplaySize();
    }
    lo = hi;
    options.onProgress?.(progress());
  }
  gaps.close(treeSize);

  const extra = await readUnexpectedNodes(client, treeSize, limit);
  for (const node of extra.nodes) {
    findings.add({
      kind: 'UNEXPECTED_NODE',
      leafIndex: node.index << BigInt(node.level),
      level: node.level,
      nodeIndex: node.index,
      message: `node ${nodeKeyString(node)}: stored, but a tree of ${treeSize} leaves has no such node`,
    });
  }
  const orphans = await readOrphanDeposits(client, limit);
  for (const id of orphans.ids) {
    findings.add({
      kind: 'ORPHAN_DEPOSIT',
      depositId: id,
      message: `deposit ${id}: neither in the log nor waiting in sequence_queue`,
    });
  }
  // Past the limit these are only counted: only the first `limit` of each kind were read.
  findings.total += extra.total - extra.nodes.length + orphans.total - orphans.ids.length;
  return progress();
}
