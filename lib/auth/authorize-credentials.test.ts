import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildUser } from '@/test/builders';
import { authorizeCredentials } from './authorize-credentials';
import { ACCOUNT_POLICY, ADDRESS_POLICY } from './login-throttle';

const MINUTE = 60_000;

describe('authorizeCredentials', () => {
  it('accepts the right password, with any case and spacing in the e-mail', async () => {
    const { user, password } = await buildUser({ role: 'clerk' });
    const result = await authorizeCredentials({ email: `  ${user.email.toUpperCase()} `, password });
    expect(result).toEqual({ ok: true, actor: expect.objectContaining({ id: user.id, role: 'clerk' }) });
  });

  it('refuses a wrong password, an unknown account and a disabled account alike', async () => {
    const { user } = await buildUser();
    const disabled = await buildUser({ disabled: true });
    expect(await authorizeCredentials({ email: user.email, password: 'wrong-password' })).toEqual({
      ok: false,
      code: 'INVALID_CREDENTIALS',
    });
    expect(await authorizeCredentials({ email: `nobody-${randomUUID()}@example.com`, password: 'x' })).toEqual({
      ok: false,
      code: 'INVALID_CREDENTIALS',
    });
    expect(await authorizeCredentials({ email: disabled.user.email, password: disabled.password })).toEqual({
      ok: false,
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('refuses malformed input without touching the database', async () => {
    for (const input of [null, {}, { email: 'not-an-email', password: 'x' }, { email: 'a@b.co', password: '' }, 'x']) {
      expect(await authorizeCredentials(input)).toEqual({ ok: false, code: 'INVALID_CREDENTIALS' });
    }
  });

  it('locks an account after the allowed failures, even against the right password, until the lock ends', async () => {
    const { user, password } = await buildUser();
    const start = new Date();
    for (let i = 1; i < ACCOUNT_POLICY.maxFailures; i++) {
      expect(await authorizeCredentials({ email: user.email, password: `bad-${i}` }, { now: start })).toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
    }
    const locking = await authorizeCredentials({ email: user.email, password: 'bad-last' }, { now: start });
    expect(locking).toEqual({ ok: false, code: 'RATE_LIMITED', retryAfterSeconds: ACCOUNT_POLICY.lockMs / 1000 });

    const later = new Date(start.getTime() + 5 * MINUTE);
    expect(await authorizeCredentials({ email: user.email, password }, { now: later })).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      retryAfterSeconds: (ACCOUNT_POLICY.lockMs - 5 * MINUTE) / 1000,
    });

    const afterLock = new Date(start.getTime() + ACCOUNT_POLICY.lockMs + MINUTE);
    expect(await authorizeCredentials({ email: user.email, password }, { now: afterLock })).toMatchObject({ ok: true });
    // Success clears the count.
    expect(await getDb().loginThrottle.count({ where: { key: `account:${user.email}` } })).toBe(0);
  });

  it('starts counting again once the window has passed', async () => {
    const { user } = await buildUser();
    const start = new Date();
    for (let i = 1; i < ACCOUNT_POLICY.maxFailures; i++) {
      await authorizeCredentials({ email: user.email, password: 'bad' }, { now: start });
    }
    const nextWindow = new Date(start.getTime() + ACCOUNT_POLICY.windowMs + MINUTE);
    expect(await authorizeCredentials({ email: user.email, password: 'bad' }, { now: nextWindow })).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    const row = await getDb().loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.failures).toBe(1);
  });

  it('counts failures from one client address across accounts', async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    const now = new Date();
    for (let i = 0; i < ADDRESS_POLICY.maxFailures - 1; i++) {
      await authorizeCredentials(
        { email: `spray-${i}-${randomUUID()}@example.com`, password: 'x' },
        { clientAddress: address, now },
      );
    }
    const last = await authorizeCredentials(
      { email: `spray-last-${randomUUID()}@example.com`, password: 'x' },
      { clientAddress: address, now },
    );
    expect(last).toMatchObject({ code: 'RATE_LIMITED' });
    const { user, password } = await buildUser();
    expect(await authorizeCredentials({ email: user.email, password }, { clientAddress: address, now })).toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(await authorizeCredentials({ email: user.email, password }, { now })).toMatchObject({ ok: true });
  });

  it('counts concurrent failures exactly (no lost updates)', async () => {
    const { user } = await buildUser();
    const now = new Date();
    await Promise.all(
      Array.from({ length: 4 }, () => authorizeCredentials({ email: user.email, password: 'bad' }, { now })),
    );
    const row = await getDb().loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.failures).toBe(4);
    expect(row.lockedUntil).toBeNull();
  });
});
