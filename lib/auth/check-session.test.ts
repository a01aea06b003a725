import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { closePool, withTransaction } from '@/lib/db/pool';
import { buildUser } from '@/test/builders';
import { authOptions, SessionEndedError } from './auth-options';
import { checkSession, SESSION_HOURS } from './check-session';
import { endSession, endSessionsOf } from './end-sessions';
import { openSession } from './open-session';

afterAll(() => closePool());

const HOUR = 3600_000;

describe('checkSession', () => {
  it('accepts a standing session and answers its person from the database', async () => {
    const { user } = await buildUser({ role: 'clerk' });
    const sid = await openSession(user.id);
    expect(await checkSession({ sub: user.id, sid })).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: 'clerk',
      courtId: null,
      depositorOrgId: null,
    });
  });

  it('refuses a session that was signed out', async () => {
    const { user } = await buildUser();
    const sid = await openSession(user.id);
    await withTransaction((c) => endSession(c, sid));
    expect(await checkSession({ sub: user.id, sid })).toBeNull();
  });

  it.each(['disabled', 'role_changed', 'password_changed'] as const)(
    'refuses a session ended with reason %s',
    async (reason) => {
      const { user } = await buildUser({ role: 'judge' });
      const sid = await openSession(user.id);
      expect(await checkSession({ sub: user.id, sid })).not.toBeNull();
      await withTransaction((c) => endSessionsOf(c, user.id, reason));
      expect(await checkSession({ sub: user.id, sid })).toBeNull();
      const row = await getDb().userSession.findUniqueOrThrow({ where: { id: sid } });
      expect(row.endReason).toBe(reason);
    },
  );

  it('refuses a session once it has expired, 8 hours after sign-in', async () => {
    const { user } = await buildUser();
    const start = new Date();
    const sid = await openSession(user.id, start);
    expect(
      await checkSession({ sub: user.id, sid }, new Date(start.getTime() + SESSION_HOURS * HOUR - 1000)),
    ).not.toBeNull();
    expect(await checkSession({ sub: user.id, sid }, new Date(start.getTime() + SESSION_HOURS * HOUR))).toBeNull();
  });

  it("refuses another person's session id", async () => {
    const { user: mine } = await buildUser();
    const { user: theirs } = await buildUser();
    const theirSid = await openSession(theirs.id);
    expect(await checkSession({ sub: mine.id, sid: theirSid })).toBeNull();
    expect(await checkSession({ sub: theirs.id, sid: theirSid })).not.toBeNull();
  });

  it('refuses a cookie without a session id (issued before sessions could end), or with a made-up one', async () => {
    const { user } = await buildUser();
    await openSession(user.id);
    for (const sid of [undefined, null, '', 'not-a-uuid', 42, randomUUID()]) {
      expect(await checkSession({ sub: user.id, sid })).toBeNull();
    }
    expect(await checkSession({ sub: undefined, sid: await openSession(user.id) })).toBeNull();
  });

  it('refuses the session of a disabled account', async () => {
    const { user } = await buildUser();
    const sid = await openSession(user.id);
    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await checkSession({ sub: user.id, sid })).toBeNull();
  });
});

describe('next-auth callbacks', () => {
  const jwt = authOptions.callbacks?.jwt;
  const signOut = authOptions.events?.signOut;
  if (!jwt || !signOut) throw new Error('authOptions must define callbacks.jwt and events.signOut');
  // The parts of next-auth's parameters our callbacks read.
  type JwtParams = Parameters<typeof jwt>[0];

  it('opens a session row at sign-in and puts its id in the token', async () => {
    const { user } = await buildUser({ role: 'judge' });
    const token = await jwt({ token: {}, user: { id: user.id, role: 'judge' } } as unknown as JwtParams);
    expect(token.sub).toBe(user.id);
    const row = await getDb().userSession.findUniqueOrThrow({ where: { id: String(token.sid) } });
    expect(row.userId).toBe(user.id);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(SESSION_HOURS * HOUR);
  });

  it('lets a standing session through and refuses one without sid, so next-auth clears the cookie', async () => {
    const { user } = await buildUser();
    const sid = await openSession(user.id);
    await expect(
      jwt({ token: { sub: user.id, role: 'litigant', sid } } as unknown as JwtParams),
    ).resolves.toMatchObject({ sid });
    await expect(jwt({ token: { sub: user.id, role: 'litigant' } } as unknown as JwtParams)).rejects.toBeInstanceOf(
      SessionEndedError,
    );
  });

  it('ends the session row on sign-out', async () => {
    const { user } = await buildUser();
    const sid = await openSession(user.id);
    await signOut({ token: { sub: user.id, role: 'litigant', sid } } as Parameters<typeof signOut>[0]);
    const row = await getDb().userSession.findUniqueOrThrow({ where: { id: sid } });
    expect(row.endReason).toBe('signed_out');
    await expect(
      jwt({ token: { sub: user.id, role: 'litigant', sid } } as unknown as JwtParams),
    ).rejects.toBeInstanceOf(SessionEndedError);
  });
});
