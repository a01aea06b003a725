/**
 * What the database itself guarantees about audit_events (migration 20261127020000_audit.sql),
 * in a database of this file's own: no UPDATE, DELETE or TRUNCATE; no row that does not extend
 * the chain; and no row whose hash is not SHA-256 of its body, not even for a superuser who
 * switches the triggers off.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendOn,
  type ChainDatabase,
  createChainDatabase,
  readRow,
  reinsertSql,
  rowParams,
  tamper,
} from './audit.testing';
import { buildEventBody } from './event-body';

let db: ChainDatabase;

beforeAll(async () => {
  db = await createChainDatabase();
  for (let i = 0; i < 3; i++)
    await appendOn(db.pool, { action: 'exhibit.viewed', actorId: db.userId, caseId: db.caseId });
});
afterAll(async () => {
  await db?.drop();
});

/** The body event 4 would have, with `change` applied. */
async function nextBody(change: Partial<Parameters<typeof buildEventBody>[0]> = {}) {
  const head = await readRow(db.pool, 3);
  return buildEventBody({
    v: 1,
    seq: 4,
    prev: head.hash.toString('hex'),
    at: '2026-11-27T02:00:00.000Z',
    caseId: db.caseId,
    actorId: null,
    action: 'exhibit.viewed',
    subjectId: null,
    details: {},
    ...change,
  });
}

const INSERT = `INSERT INTO audit_events (seq, case_id, actor_id, action, subject_id, details, created_at, body, hash)
                VALUES ($1, $2, NULL, 'exhibit.viewed', NULL, '{}', '2026-11-27T02:00:00.000Z', $3, $4)`;

describe('audit_events', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(db.pool.query(`UPDATE audit_events SET details = '{"x":1}' WHERE seq = 2`)).rejects.toThrow(
      /UPDATE on audit_events refused: court records are append-only/,
    );
    await expect(db.pool.query('DELETE FROM audit_events WHERE seq = 3')).rejects.toThrow(
      /DELETE on audit_events refused/,
    );
    await expect(db.pool.query('TRUNCATE audit_events')).rejects.toThrow(/TRUNCATE on audit_events refused/);
    expect((await db.pool.query('SELECT seq FROM audit_events')).rowCount).toBe(3);
  });

  it('accepts a row that extends the chain, and refuses a gap, a fork or a row unlike its body', async () => {
    const good = await nextBody();
    const insert = (seq: number, body: Uint8Array, caseId = db.caseId) =>
      db.pool.query(INSERT, [seq, caseId, Buffer.from(body), createHash('sha256').update(body).digest()]);

    const gap = await nextBody({ seq: 5 });
    await expect(insert(5, gap.body)).rejects.toThrow(/audit event 5 refused: the next event is 4/);
    const fork = await nextBody({ prev: 'a'.repeat(64) });
    await expect(insert(4, fork.body)).rejects.toThrow(/audit event 4 refused: its body does not extend the chain/);
    const otherAction = await nextBody({ action: 'exhibit.downloaded' });
    await expect(insert(4, otherAction.body)).rejects.toThrow(/does not match its columns/);
    await expect(insert(4, good.body, db.userId)).rejects.toThrow(/does not match its columns/);
    await expect(insert(3, good.body)).rejects.toThrow(/the next event is 4/);

    await insert(4, good.body);
    expect((await readRow(db.pool, 4)).hash.toString('hex')).toBe(good.hash);
  });

  it('refuses a hash that is not SHA-256 of the body, even with the triggers switched off', async () => {
    const row = await readRow(db.pool, 2);
    await expect(
      tamper(db.pool, 'UPDATE audit_events SET hash = $1 WHERE seq = 2', [Buffer.alloc(32)]),
    ).rejects.toThrow(/audit_events_hash_is_sha256_of_body/);
    await expect(
      tamper(db.pool, `UPDATE audit_events SET body = body || '\\x20'::bytea WHERE seq = 2`),
    ).rejects.toThrow(/audit_events_hash_is_sha256_of_body/);
    expect(await readRow(db.pool, 2)).toEqual(row);
    // The superuser can still remove and put back a row (the audit is what catches that).
    await tamper(db.pool, 'DELETE FROM audit_events WHERE seq = 2');
    await tamper(db.pool, reinsertSql(), rowParams(row));
    expect(await readRow(db.pool, 2)).toEqual(row);
  });
});
