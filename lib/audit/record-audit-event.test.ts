/**
 * recordAuditEvent in the shared test database, which other test files append to at the same
 * time: their events are valid too, so the whole log must verify whatever they do meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { buildCase, buildCourt, buildUser } from '@/test/builders';
import { parseEventBody } from './event-body';
import { recordAuditEvent } from './record-audit-event';
import { verifyAuditLog } from './verify-audit-log';

describe('recordAuditEvent', () => {
  it('appends in a transaction of its own, on a log that verifies as a whole', async () => {
    const court = await buildCourt();
    const { user } = await buildUser({ role: 'judge', courtId: court.id });
    const kase = await buildCase(court.id, [{ userId: user.id, role: 'judge' }]);
    const appended = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        recordAuditEvent({ action: 'exhibit.viewed', actorId: user.id, caseId: kase.id, details: { i } }),
      ),
    );
    const { rows } = await getPool().query<{ seq: string; body: Buffer }>(
      'SELECT seq, body FROM audit_events WHERE case_id = $1 ORDER BY seq',
      [kase.id],
    );
    expect(rows.map((r) => BigInt(r.seq))).toEqual(appended.map((a) => a.seq).sort((a, b) => (a < b ? -1 : 1)));
    for (const row of rows) expect(parseEventBody(row.body).ok).toBe(true);

    const last = appended.reduce((a, b) => (a.seq > b.seq ? a : b));
    const report = await verifyAuditLog({ expectHeads: [last] });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.head && report.head.seq >= last.seq).toBe(true);
    expect(report.count).toBe(Number(report.head?.seq));
  });
});
