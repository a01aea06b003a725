/** The exhibit page's verification history a page at a time, newest first (issue #17, lists that scale). */
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildCourtroom, digestsOf, randomEvidence } from './exhibits.testing';
import { getExhibit } from './get-exhibit';
import { recheckOnServer } from './record-verification';
import { submitHashOnlyExhibit } from './submit-exhibit';

describe('getExhibit: the verification history in pages', () => {
  it('gives 10 a page, newest first, with the whole history counted; no page: all of it', async () => {
    const room = await buildCourtroom();
    const exhibit = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'screenshot',
      ...digestsOf(randomEvidence()),
    });
    for (let i = 0; i < 12; i++) await recheckOnServer(room.judge.actor, exhibit.id);
    const ids = (
      await getDb().verification.findMany({
        where: { exhibitId: exhibit.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: { id: true },
      })
    ).map((v) => v.id);
    expect(ids.length).toBeGreaterThanOrEqual(12);
    const pages = Math.ceil(ids.length / 10);

    const first = await getExhibit(room.judge.actor, exhibit.id, { historyPage: 1 });
    expect(first.history).toEqual({ total: ids.length, page: 1, pages });
    expect(first.verifications.map((v) => v.id)).toEqual(ids.slice(0, 10));
    const second = await getExhibit(room.plaintiff.actor, exhibit.id, { historyPage: 2 });
    expect(second.verifications.map((v) => v.id)).toEqual(ids.slice(10, 20));
    // Beyond the end: the last page.
    const beyond = await getExhibit(room.defendant.actor, exhibit.id, { historyPage: 500 });
    expect(beyond.history.page).toBe(pages);
    expect(beyond.verifications.map((v) => v.id)).toEqual(ids.slice((pages - 1) * 10));
    // Another page size; and without a page, everything.
    const small = await getExhibit(room.judge.actor, exhibit.id, { historyPage: 2, historyPageSize: 5 });
    expect(small.verifications.map((v) => v.id)).toEqual(ids.slice(5, 10));
    const all = await getExhibit(room.judge.actor, exhibit.id);
    expect(all.verifications.map((v) => v.id)).toEqual(ids);
    expect(all.history).toEqual({ total: ids.length, page: 1, pages: 1 });
  });

  it('refuses a malformed page, and outsiders still get NOT_FOUND', async () => {
    const room = await buildCourtroom();
    const exhibit = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'contract',
      ...digestsOf(randomEvidence()),
    });
    for (const bad of [{ historyPage: 0 }, { historyPage: 1.5 }, { historyPage: 1, historyPageSize: 1000 }]) {
      await expect(getExhibit(room.judge.actor, exhibit.id, bad), JSON.stringify(bad)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
    await expect(getExhibit(room.stranger.actor, exhibit.id, { historyPage: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
