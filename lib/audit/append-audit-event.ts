import 'server-only';
/**
 * Appends one event to the chain-of-custody log inside the caller's transaction, so that the
 * event commits (or rolls back) with the change it records. Appends are serialised by a
 * transaction-scoped advisory lock: the head is read after the lock is granted, so seq runs from
 * 1 without gaps and each event's `prev` is the hash of the one before it. The lock is held until
 * the caller's transaction ends: append last, just before COMMIT, so the whole portal does not
 * wait on a slow transaction.
 */
import type pg from 'pg';
import { AppError } from '@/lib/errors/app-error';
import { issueSummary } from '@/lib/errors/zod-issues';
import { type AuditEventInput, type ParsedAuditEventInput, ZAuditEventInput } from './audit-event.schema';
import { AUDIT_BODY_VERSION, buildEventBody, GENESIS_PREV } from './event-body';

/** Arbitrary, fixed: the advisory lock key of the audit log (the ledger's sequencer uses 7_406_110_321). */
export const AUDIT_LOCK = 7_406_110_322n;

export interface AppendedAuditEvent {
  seq: bigint;
  /** SHA-256 of the event's body, lowercase hex: what the next event's `prev` will be. */
  hash: string;
}

// The lock's key as pg_locks shows it: high and low 32 bits, objsubid 1 for a bigint key.
const LOCK_HIGH = (AUDIT_LOCK >> 32n).toString();
const LOCK_LOW = (AUDIT_LOCK & 0xffff_ffffn).toString();

// Read after the lock is granted, in a statement of its own: a READ COMMITTED statement sees
// every event committed before it started, including the previous holder's.
const HEAD_SQL = `
  SELECT h.seq, h.hash, clock_timestamp() AS now, current_setting('transaction_isolation') AS isolation,
         EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                    AND classid = $1::oid AND objid = $2::oid AND objsubid = 1) AS locked
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1) h ON true`;

const INSERT_SQL = `
  INSERT INTO audit_events (seq, case_id, actor_id, action, subject_id, details, created_at, body, hash)
  VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`;

interface HeadRow {
  seq: string | null;
  hash: Buffer | null;
  now: Date;
  isolation: string;
  locked: boolean;
}

function parseInput(event: AuditEventInput): ParsedAuditEventInput {
  const parsed = ZAuditEventInput.safeParse(event);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION_FAILED', `Audit event refused: ${issueSummary(parsed.error)}.`);
}

/**
 * Appends `event` in the caller's open transaction (`client` after BEGIN, READ COMMITTED, the
 * default). Throws AppError VALIDATION_FAILED for a malformed event, and an Error when called
 * outside a transaction.
 */
export async function appendAuditEvent(client: pg.ClientBase, event: AuditEventInput): Promise<AppendedAuditEvent> {
  const input = parseInput(event);
  await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK.toString()]);
  const { rows } = await client.query<HeadRow>(HEAD_SQL, [LOCK_HIGH, LOCK_LOW]);
  const head = rows[0];
  if (!head?.locked) {
    // Outside a transaction block the lock was released when its statement ended.
    throw new Error('appendAuditEvent must run inside an open transaction: call BEGIN on the client first');
  }
  if (head.isolation !== 'read committed') {
    throw new Error(
      `appendAuditEvent needs a READ COMMITTED transaction, not ${head.isolation}: it must see the latest head`,
    );
  }
  const seq = head.seq === null ? 1n : BigInt(head.seq) + 1n;
  const at = input.at ?? head.now;
  const { body, hash } = buildEventBody({
    v: AUDIT_BODY_VERSION,
    seq: Number(seq),
    prev: head.hash === null ? GENESIS_PREV : head.hash.toString('hex'),
    at: at.toISOString(),
    caseId: input.caseId,
    actorId: input.actorId,
    action: input.action,
    subjectId: input.subjectId,
    details: input.details,
  });
  await client.query(INSERT_SQL, [
    seq.toString(),
    input.caseId,
    input.actorId,
    input.action,
    input.subjectId,
    JSON.stringify(input.details),
    at,
    Buffer.from(body),
    Buffer.from(hash, 'hex'),
  ]);
  return { seq, hash };
}
