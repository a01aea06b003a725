import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { closePool, withTransaction } from '@/lib/db/pool';
import { buildCourt, buildUser } from '@/test/builders';
import { endSession, endSessionsOf } from './end-sessions';

afterAll(() => closePool());

async function openSession(userId: string) {
  return getDb().userSession.create({ data: { userId, expiresAt: new Date(Date.now() + 3600_000) } });
}

describe('endSessionsOf', () => {
  it("ends every open session of the person, with the reason, and nobody else's", async () => {
    const court = await buildCourt();
    const { user: judge } = await buildUser({ role: 'judge', courtId: court.id });
    const { user: other } = await buildUser({ role: 'judge', courtId: court.id });
    const [a, b] = [await openSession(judge.id), await openSession(judge.id)];
    const theirs = await openSession(other.id);
    expect(await withTransaction((c) => endSessionsOf(c, judge.id, 'disabled'))).toBe(2);
    const rows = await getDb().userSession.findMany({ where: { id: { in: [a.id, b.id, theirs.id] } } });
    for (const row of rows.filter((r) => r.userId === judge.id)) {
      expect(row.endedAt).toBeInstanceOf(Date);
      expect(row.endReason).toBe('disabled');
    }
    expect(rows.find((r) => r.id === theirs.id)?.endedAt).toBeNull();
    // Already ended: nothing more to end, and the first reason stays.
    expect(await withTransaction((c) => endSessionsOf(c, judge.id, 'role_changed'))).toBe(0);
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: a.id } })).endReason).toBe('disabled');
  });

  it('keeps the session it is told to keep (a person changing their own password)', async () => {
    const court = await buildCourt();
    const { user: clerk } = await buildUser({ role: 'clerk', courtId: court.id });
    const [here, elsewhere] = [await openSession(clerk.id), await openSession(clerk.id)];
    expect(await withTransaction((c) => endSessionsOf(c, clerk.id, 'password_changed', here.id))).toBe(1);
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: here.id } })).endedAt).toBeNull();
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: elsewhere.id } })).endReason).toBe(
      'password_changed',
    );
  });

  it('is undone with the transaction it ran in', async () => {
    const court = await buildCourt();
    const { user: clerk } = await buildUser({ role: 'clerk', courtId: court.id });
    const session = await openSession(clerk.id);
    await expect(
      withTransaction(async (c) => {
        await endSessionsOf(c, clerk.id, 'disabled');
        throw new Error('the change it belonged to failed');
      }),
    ).rejects.toThrow('failed');
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: session.id } })).endedAt).toBeNull();
  });
});

describe('endSession', () => {
  it('ends one session as signed out, once', async () => {
    const court = await buildCourt();
    const { user } = await buildUser({ role: 'judge', courtId: court.id });
    const [one, two] = [await openSession(user.id), await openSession(user.id)];
    expect(await withTransaction((c) => endSession(c, one.id))).toBe(true);
    expect(await withTransaction((c) => endSession(c, one.id))).toBe(false);
    expect(await withTransaction((c) => endSession(c, '00000000-0000-4000-8000-000000000000'))).toBe(false);
    const rows = await getDb().userSession.findMany({ where: { id: { in: [one.id, two.id] } } });
    expect(rows.find((r) => r.id === one.id)?.endReason).toBe('signed_out');
    expect(rows.find((r) => r.id === two.id)?.endedAt).toBeNull();
  });
});
