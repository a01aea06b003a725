import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditRow, ChainChecker } from './check-event';
import { buildEventBody, GENESIS_PREV } from './event-body';
import { AuditFindingLog } from './findings';

const CASE = '0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77';

/** A valid chain of `n` rows, as the database would hold it. */
function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_PREV;
  for (let seq = 1; seq <= n; seq++) {
    const at = new Date(Date.UTC(2026, 10, 27, 2, 0, seq));
    const details = { n: seq };
    const { body, hash } = buildEventBody({
      v: 1,
      seq,
      prev,
      at: at.toISOString(),
      caseId: CASE,
      actorId: null,
      action: 'exhibit.viewed',
      subjectId: null,
      details,
    });
    rows.push({
      seq: BigInt(seq),
      caseId: CASE,
      actorId: null,
      action: 'exhibit.viewed',
      subjectId: null,
      details,
      createdAt: at,
      body,
      hash: Buffer.from(hash, 'hex'),
    });
    prev = hash;
  }
  return rows;
}

function check(rows: AuditRow[]) {
  const log = new AuditFindingLog(100);
  const checker = new ChainChecker(log);
  for (const row of rows) checker.check(row);
  return {
    findings: log.findings.map((f) => [f.kind, f.seq]),
    messages: log.findings.map((f) => f.message),
    first: log.firstBad?.seq,
    head: checker.head,
    count: checker.count,
  };
}

/** Rewrites row `i`'s body (and, if asked, its hash) as someone with database access could. */
function rewrite(row: AuditRow, change: (text: string) => string, rehash: boolean): AuditRow {
  const body = new TextEncoder().encode(change(new TextDecoder().decode(row.body)));
  return { ...row, body, hash: rehash ? createHash('sha256').update(body).digest() : row.hash };
}

describe('ChainChecker', () => {
  it('passes a valid chain and reports its head', () => {
    const rows = chain(5);
    const result = check(rows);
    expect(result.findings).toEqual([]);
    expect(result.count).toBe(5);
    expect(result.head).toEqual({ seq: 5n, hash: Buffer.from(rows[4]?.hash ?? []).toString('hex') });
  });

  it('reports a column that says something the body does not, at that event', () => {
    const rows = chain(5);
    rows[2] = { ...(rows[2] as AuditRow), action: 'exhibit.downloaded', details: { n: 99 } };
    const result = check(rows);
    expect(result.findings).toEqual([['BODY_MISMATCH', 3n]]);
    expect(result.messages[0]).toBe(
      'event 3 (exhibit.downloaded): the row does not say what its hashed body says (edited?): ' +
        'action is exhibit.downloaded but the body says exhibit.viewed; details differ from the body',
    );
  });

  it('reports an edited body once, whether or not its hash was recomputed', () => {
    const edit = (text: string) => text.replace('"n":3', '"n":4');
    const rows = chain(5);
    rows[2] = rewrite(rows[2] as AuditRow, edit, false);
    expect(check(rows).findings).toEqual([
      ['HASH_MISMATCH', 3n],
      ['BODY_MISMATCH', 3n],
    ]);

    const rehashed = chain(5);
    rehashed[2] = { ...rewrite(rehashed[2] as AuditRow, edit, true), details: { n: 4 } };
    const result = check(rehashed);
    // Self-consistent now, but event 4 committed to the old hash: the broken link names event 3.
    expect(result.findings).toEqual([['BROKEN_LINK', 3n]]);
    expect(result.messages[0]).toMatch(/^event 3 \(exhibit\.viewed\): its hash is not the one event 4 committed to/);
  });

  it('reports an edited hash column once', () => {
    const rows = chain(5);
    const row = rows[1] as AuditRow;
    rows[1] = { ...row, hash: Buffer.alloc(32, 7) };
    expect(check(rows).findings).toEqual([['HASH_MISMATCH', 2n]]);
  });

  it('reports a body that is not canonical', () => {
    const rows = chain(3);
    rows[2] = rewrite(rows[2] as AuditRow, (t) => t.replace('{', '{ '), true);
    expect(check(rows).findings).toEqual([['BODY_INVALID', 3n]]);
  });

  it('reports deleted events as a gap at the first missing seq, and only that', () => {
    const rows = chain(8);
    expect(check([...rows.slice(0, 3), ...rows.slice(4)]).findings).toEqual([['MISSING_EVENTS', 4n]]);
    const result = check([...rows.slice(0, 2), ...rows.slice(5)]);
    expect(result.findings).toEqual([['MISSING_EVENTS', 3n]]);
    expect(result.messages[0]).toBe('events 3–5 are missing: sequence numbers must run from 1 without gaps (deleted?)');
    expect(check(rows.slice(1)).findings).toEqual([['MISSING_EVENTS', 1n]]);
  });

  it('cannot see events deleted from the end', () => {
    expect(check(chain(8).slice(0, 6)).findings).toEqual([]);
  });

  it('reports a first event whose prev is not 64 zeros', () => {
    const rows = chain(2);
    rows[0] = rewrite(rows[0] as AuditRow, (t) => t.replace(GENESIS_PREV, 'f'.repeat(64)), true);
    const result = check(rows);
    expect(result.findings).toEqual([
      ['BROKEN_LINK', 1n],
      ['BROKEN_LINK', 1n],
    ]);
    expect(result.first).toBe(1n);
  });
});
