import 'server-only';
/**
 * The audit of the chain-of-custody log behind `npm run audit:verify`: reads every event in seq
 * order, in one snapshot, and checks that each stored hash is SHA-256 of the stored body, that
 * the body is canonical and says what the row's columns say, that seq runs from 1 without gaps
 * and that each body's prev is the previous event's hash; then that every head recorded earlier
 * (`expectHeads`) is still in the log with the same hash. See README.md beside this file.
 */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import type { AuditHead } from './audit-head';
import { type AuditRow, ChainChecker } from './check-event';
import { AuditFindingLog, type AuditVerifyReport, eventName } from './findings';

export interface VerifyAuditLogOptions {
  /** Default: the portal's pool (DATABASE_URL). */
  pool?: pg.Pool;
  /** Heads written down earlier (`seq:hash`): each must still be in the log, unchanged. */
  expectHeads?: readonly AuditHead[];
  /** Events read per query. */
  chunkSize?: number;
  /** Findings kept in the report; the rest are only counted. */
  maxFindings?: number;
  onProgress?: (progress: { count: number; lastSeq: bigint | null }) => void;
}

const MIN_BIGINT = '-9223372036854775808';

const READ_SQL = `
  SELECT seq, case_id, actor_id, action, subject_id, details, created_at, body, hash
    FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2`;

interface DbRow {
  seq: string;
  case_id: string | null;
  actor_id: string | null;
  action: string;
  subject_id: string | null;
  details: unknown;
  created_at: Date;
  body: Buffer;
  hash: Buffer;
}

function toRow(r: DbRow): AuditRow {
  return {
    seq: BigInt(r.seq),
    caseId: r.case_id,
    actorId: r.actor_id,
    action: r.action,
    subjectId: r.subject_id,
    details: r.details,
    createdAt: r.created_at,
    body: r.body,
    hash: r.hash,
  };
}

export async function verifyAuditLog(options: VerifyAuditLogOptions = {}): Promise<AuditVerifyReport> {
  const started = performance.now();
  const { chunkSize = 5000, maxFindings = 100, expectHeads = [] } = options;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize must be a positive integer');
  if (!Number.isSafeInteger(maxFindings) || maxFindings < 0) throw new RangeError('maxFindings must be 0 or more');
  const findings = new AuditFindingLog(maxFindings);
  const chain = new ChainChecker(findings);
  const witnessed = new Map(expectHeads.map((h) => [h.seq, h.hash.toLowerCase()]));
  const seen = new Map<bigint, { hash: string; action: string }>();

  const client = await (options.pool ?? getPool()).connect();
  try {
    // One snapshot: appends serialise under a lock held to commit, so a snapshot holds a prefix of the chain.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (let after = MIN_BIGINT; ; ) {
      const { rows } = await client.query<DbRow>(READ_SQL, [after, chunkSize]);
      for (const r of rows) {
        const row = toRow(r);
        chain.check(row);
        if (witnessed.has(row.seq))
          seen.set(row.seq, { hash: Buffer.from(row.hash).toString('hex'), action: row.action });
      }
      const last = rows.at(-1);
      options.onProgress?.({ count: chain.count, lastSeq: chain.head?.seq ?? null });
      if (!last || rows.length < chunkSize) break;
      after = last.seq;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }

  const head = chain.head;
  for (const [seq, hash] of [...witnessed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const found = seen.get(seq);
    if (found?.hash === hash) continue;
    const short = `${hash.slice(0, 16)}…`;
    let message: string;
    if (found !== undefined) {
      message =
        `${eventName(seq, found.action)}: its hash is ${found.hash.slice(0, 16)}…, not the expected ${short} ` +
        '(rewritten since that head was recorded)';
    } else if (head === null || seq > head.seq) {
      message =
        `event ${seq} (expected head, hash ${short}) is missing: the log ends at ` +
        `${head ? `event ${head.seq}` : 'no event'} (events were removed from its end)`;
    } else {
      message = `event ${seq} (expected head, hash ${short}) is missing from the log`;
    }
    findings.add({ kind: 'HEAD_MISMATCH', seq, action: found?.action ?? null, message });
  }

  return {
    ok: findings.total === 0,
    count: chain.count,
    head,
    findings: findings.findings,
    findingsTotal: findings.total,
    truncated: findings.total > findings.findings.length,
    firstBad: findings.firstBad,
    expectedHeads: [...expectHeads],
    durationMs: Math.round(performance.now() - started),
  };
}
