/**
 * appendAuditEvent against a database of this file's own, so that seq numbers are predictable
 * (the shared test database is appended to by other test files at the same time).
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { appendAuditEvent } from './append-audit-event';
import { appendOn, type ChainDatabase, createChainDatabase, readRow } from './audit.testing';
import { GENESIS_PREV, parseEventBody } from './event-body';
import { verifyAuditLog } from './verify-audit-log';

let db: ChainDatabase;

beforeAll(async () => {
  db = await createChainDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function count(): Promise<number> {
  const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_events');
  return Number(rows[0]?.n);
}

describe('appendAuditEvent', () => {
  it('writes event 1 on 64 zeros and each next event on the hash of the one before', async () => {
    const subjectId = randomUUID();
    const at = new Date('2026-11-27T02:00:00.123Z');
    const first = await appendOn(db.pool, {
      action: 'case.created',
      actorId: db.userId,
      caseId: db.caseId,
      details: { caseNumber: '（2026）测1号' },
      at,
    });
    expect(first.seq).toBe(1n);
    const row = await readRow(db.pool, 1);
    expect(row.hash.toString('hex')).toBe(first.hash);
    expect(createHash('sha256').update(row.body).digest('hex')).toBe(first.hash);
    expect(parseEventBody(row.body)).toEqual({
      ok: true,
      body: {
        v: 1,
        seq: 1,
        prev: GENESIS_PREV,
        at: '2026-11-27T02:00:00.123Z',
        caseId: db.caseId,
        actorId: db.userId,
        action: 'case.created',
        subjectId: null,
        details: { caseNumber: '（2026）测1号' },
      },
    });
    expect(row).toMatchObject({
      case_id: db.caseId,
      actor_id: db.userId,
      action: 'case.created',
      subject_id: null,
      details: { caseNumber: '（2026）测1号' },
      created_at: at,
    });

    const before = Date.now();
    const second = await appendOn(db.pool, {
      action: 'exhibit.viewed',
      actorId: db.userId,
      caseId: db.caseId,
      subjectId: subjectId.toUpperCase(),
    });
    expect(second.seq).toBe(2n);
    const row2 = await readRow(db.pool, 2);
    const body2 = parseEventBody(row2.body);
    expect(body2.ok && body2.body.prev).toBe(first.hash);
    expect(row2.subject_id).toBe(subjectId);
    // Without `at`, the database's clock at the time of appending.
    expect(Math.abs(row2.created_at.getTime() - before)).toBeLessThan(5_000);
  });

  it('commits and rolls back with the caller’s transaction, leaving no gap', async () => {
    const n = await count();
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      const lost = await appendAuditEvent(client, { action: 'exhibit.viewed', actorId: null, caseId: db.caseId });
      expect(lost.seq).toBe(BigInt(n + 1));
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await count()).toBe(n);
    const next = await appendOn(db.pool, { action: 'exhibit.viewed', actorId: null, caseId: db.caseId });
    expect(next.seq).toBe(BigInt(n + 1));
  });

  it('refuses to run outside a transaction, or in one that cannot see the latest head', async () => {
    const n = await count();
    const client = await db.pool.connect();
    try {
      await expect(appendAuditEvent(client, { action: 'exhibit.viewed', actorId: null, caseId: null })).rejects.toThrow(
        /must run inside an open transaction/,
      );
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await expect(appendAuditEvent(client, { action: 'exhibit.viewed', actorId: null, caseId: null })).rejects.toThrow(
        /needs a READ COMMITTED transaction, not repeatable read/,
      );
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await count()).toBe(n);
  });

  it('refuses a malformed event with VALIDATION_FAILED before touching the database', async () => {
    const error = await appendOn(db.pool, {
      action: 'exhibit.viewed',
      actorId: 'someone',
      caseId: null,
      details: { when: new Date() as never },
    }).catch((e: unknown) => e);
    expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(
      /^Audit event refused: actorId: actorId must be a UUID.*; details: canonical JSON \(RFC 8785\): details\.when is a Date/,
    );
  });

  it('gives 50 concurrent appends gap-free sequence numbers on one valid chain', { timeout: 60_000 }, async () => {
    const n = await count();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        appendOn(db.pool, { action: 'exhibit.downloaded', actorId: db.userId, caseId: db.caseId, details: { i } }),
      ),
    );
    const seqs = results.map((r) => r.seq).sort((a, b) => (a < b ? -1 : 1));
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(n + 1 + i)));
    expect(new Set(results.map((r) => r.hash)).size).toBe(50);
    const report = await verifyAuditLog({ pool: db.pool });
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ ok: true, count: n + 50, head: { seq: BigInt(n + 50) } });
  });
});
