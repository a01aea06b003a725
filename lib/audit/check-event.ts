import 'server-only';
/**
 * Checks of one stored event against its own body and against the event before it. Pure: the
 * audit feeds rows in seq order; unit tests feed hand-made rows.
 * @module
 */
import { canonicalJson } from '@/lib/ledger/statement/canonical-json';
import { type AuditEventBody, GENESIS_PREV, parseEventBody, sha256Hex } from './event-body';
import { type AuditFindingLog, eventName } from './findings';

/** An audit_events row as read from the database. */
export interface AuditRow {
  seq: bigint;
  caseId: string | null;
  actorId: string | null;
  action: string;
  subjectId: string | null;
  details: unknown;
  createdAt: Date;
  body: Uint8Array;
  hash: Uint8Array;
}

interface Previous {
  seq: bigint;
  action: string;
  /** The stored hash and the hash of the stored body: equal unless one of them was edited. */
  hashes: ReadonlySet<string>;
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/** Columns whose value differs from the body's, with both values for the short ones. */
function columnDifferences(row: AuditRow, body: AuditEventBody): string[] {
  const out: string[] = [];
  const compare = (column: string, stored: string | null, hashed: string | null) => {
    if (stored !== hashed) out.push(`${column} is ${stored ?? 'null'} but the body says ${hashed ?? 'null'}`);
  };
  compare('seq', row.seq.toString(), String(body.seq));
  compare('created_at', Number.isNaN(row.createdAt.getTime()) ? null : row.createdAt.toISOString(), body.at);
  compare('action', row.action, body.action);
  compare('case_id', row.caseId, body.caseId);
  compare('actor_id', row.actorId, body.actorId);
  compare('subject_id', row.subjectId, body.subjectId);
  if (!sameJson(row.details, body.details)) out.push('details differ from the body');
  return out;
}

/** Walks the chain in seq order, one row at a time. */
export class ChainChecker {
  private previous: Previous | null = null;
  /** Rows checked so far. */
  count = 0;
  /** The last row checked, with its stored hash. */
  head: { seq: bigint; hash: string } | null = null;

  constructor(private readonly findings: AuditFindingLog) {}

  check(row: AuditRow): void {
    this.count++;
    const expected = this.previous ? this.previous.seq + 1n : 1n;
    const name = eventName(row.seq, row.action);
    if (row.seq > expected) {
      const which = row.seq - expected === 1n ? `event ${expected} is` : `events ${expected}–${row.seq - 1n} are`;
      this.findings.add({
        kind: 'MISSING_EVENTS',
        seq: expected,
        action: null,
        message: `${which} missing: sequence numbers must run from 1 without gaps (deleted?)`,
      });
    }
    const storedHash = Buffer.from(row.hash).toString('hex');
    const bodyHash = sha256Hex(row.body);
    if (storedHash !== bodyHash) {
      this.findings.add({
        kind: 'HASH_MISMATCH',
        seq: row.seq,
        action: row.action,
        message: `${name}: the stored hash is not the SHA-256 of the stored body (the body or the hash was edited)`,
      });
    }
    const parsed = parseEventBody(row.body);
    if (!parsed.ok) {
      this.findings.add({
        kind: 'BODY_INVALID',
        seq: row.seq,
        action: row.action,
        message: `${name}: ${parsed.reason}`,
      });
    } else {
      const differences = columnDifferences(row, parsed.body);
      if (differences.length > 0) {
        this.findings.add({
          kind: 'BODY_MISMATCH',
          seq: row.seq,
          action: row.action,
          message: `${name}: the row does not say what its hashed body says (edited?): ${differences.join('; ')}`,
        });
      }
      // The link can only be checked across a known predecessor (not across a gap).
      if (row.seq === expected) this.checkLink(row, parsed.body.prev);
    }
    this.previous = { seq: row.seq, action: row.action, hashes: new Set([storedHash, bodyHash]) };
    this.head = { seq: row.seq, hash: storedHash };
  }

  private checkLink(row: AuditRow, prev: string): void {
    const before = this.previous;
    if (before === null) {
      if (prev !== GENESIS_PREV) {
        this.findings.add({
          kind: 'BROKEN_LINK',
          seq: row.seq,
          action: row.action,
          message: `${eventName(row.seq, row.action)}: the first event's prev must be 64 zeros (events before it were removed, or it was rewritten)`,
        });
      }
      return;
    }
    // Either hash of the predecessor will do, so that one edited row is reported once, where it was edited.
    if (before.hashes.has(prev)) return;
    this.findings.add({
      kind: 'BROKEN_LINK',
      seq: before.seq,
      action: before.action,
      message:
        `${eventName(before.seq, before.action)}: its hash is not the one event ${row.seq} committed to (prev): ` +
        `it was rewritten after event ${row.seq} was appended, or event ${row.seq}'s prev was`,
    });
  }
}
