/** Issue #17: the case page's exhibits a page at a time (listCaseExhibits with `page`). */
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildCase, buildCourt, buildUser } from '@/test/builders';
import { listCaseExhibits } from './list-case-exhibits';

describe('listCaseExhibits, paged', () => {
  it('gives a page of exhibits by number, the total, and every exhibit’s name', async () => {
    const court = await buildCourt();
    const plaintiff = await buildUser({ role: 'litigant' });
    const stranger = await buildUser({ role: 'litigant' });
    const kase = await buildCase(court.id, [{ userId: plaintiff.user.id, role: 'plaintiff' }]);
    for (let n = 1; n <= 30; n++) {
      await getDb().exhibit.create({
        data: {
          id: randomUUID(),
          caseId: kase.id,
          number: n,
          submittedBy: plaintiff.user.id,
          partyRole: 'plaintiff',
          kind: 'hash_only',
          title: `证据 ${n}`,
          sha256: new Uint8Array(randomBytes(32)),
          sm3: new Uint8Array(randomBytes(32)),
        },
      });
    }
    const first = await listCaseExhibits(plaintiff.actor, kase.id, { page: 1, pageSize: 25 });
    expect(first).toMatchObject({ total: 30, page: 1, pages: 2 });
    expect(first.exhibits.map((e) => e.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(first.index.map((e) => e.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const second = await listCaseExhibits(plaintiff.actor, kase.id, { page: 2, pageSize: 25 });
    expect(second.exhibits.map((e) => e.number)).toEqual([26, 27, 28, 29, 30]);
    expect((await listCaseExhibits(plaintiff.actor, kase.id, { page: 9, pageSize: 25 })).page).toBe(2);
    // Without a page: all of them, as before.
    const all = await listCaseExhibits(plaintiff.actor, kase.id);
    expect(all).toMatchObject({ total: 30, page: 1, pages: 1 });
    expect(all.exhibits).toHaveLength(30);
    await expect(listCaseExhibits(stranger.actor, kase.id, { page: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const empty = await buildCase(court.id, [{ userId: plaintiff.user.id, role: 'plaintiff' }]);
    expect(await listCaseExhibits(plaintiff.actor, empty.id, { page: 3 })).toMatchObject({
      exhibits: [],
      total: 0,
      page: 1,
      pages: 1,
    });
  });
});
