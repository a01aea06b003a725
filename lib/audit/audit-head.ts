import 'server-only';
/**
 * The head of the chain (its last event's seq and hash), written `seq:hash`. The chain alone
 * cannot show that events were removed from its end; a head written down earlier can: every
 * event up to it must still be there with the same hash (see README.md, "Limits").
 */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';

export interface AuditHead {
  seq: bigint;
  /** SHA-256 of the event's body, lowercase hex. */
  hash: string;
}

const HEAD_TEXT = /^([1-9][0-9]{0,18}):([0-9a-fA-F]{64})$/;

export function formatAuditHead(head: AuditHead): string {
  return `${head.seq}:${head.hash}`;
}

/** Parses `seq:hash` (as `npm run audit:verify` prints it); throws a RangeError saying what is expected. */
export function parseAuditHead(text: string): AuditHead {
  const match = HEAD_TEXT.exec(text.trim());
  if (!match?.[1] || !match[2]) {
    throw new RangeError(`"${text}" is not an audit head: expected <seq>:<64 hex characters>, like 42:9f86d081…`);
  }
  return { seq: BigInt(match[1]), hash: match[2].toLowerCase() };
}

/**
 * The current head, or null for an empty log. For a certificate or a report that should carry
 * it, so that whoever holds the document witnesses the log up to that point.
 */
export async function readAuditHead(client: pg.ClientBase | pg.Pool = getPool()): Promise<AuditHead | null> {
  const { rows } = await client.query<{ seq: string; hash: Buffer }>(
    'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
  );
  const row = rows[0];
  return row ? { seq: BigInt(row.seq), hash: row.hash.toString('hex') } : null;
}
