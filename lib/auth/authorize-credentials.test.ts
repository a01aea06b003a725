import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildUser } from '@/test/builders';
import { authorizeCredentials } from './authorize-credentials';
import { issueDeviceToken } from './device-token';
import {
  ACCOUNT_CLIENT_POLICY,
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  DEVICE_POLICY,
  PRUNE_AFTER_MS,
  pruneThrottle,
} from './login-throttle';

const MINUTE = 60_000;

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= `test-secret-${randomUUID()}`;
});

/** A client address of its own (TEST-NET ranges, plus a random part so parallel tests never share one). */
function address(): string {
  return `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}::1`;
}

async function failTimes(
  email: string,
  times: number,
  options: { clientAddress?: string; deviceToken?: string; now: Date },
) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await authorizeCredentials({ email, password: `bad-${i}` }, options));
  return results;
}

describe('authorizeCredentials', () => {
  it('accepts the right password, with any case and spacing in the e-mail', async () => {
    const { user, password } = await buildUser({ role: 'clerk' });
    const result = await authorizeCredentials(
      { email: `  ${user.email.toUpperCase()} `, password },
      { clientAddress: address() },
    );
    expect(result).toEqual({ ok: true, actor: expect.objectContaining({ id: user.id, role: 'clerk' }) });
  });

  it('refuses a wrong password, an unknown account and a disabled account alike', async () => {
    const { user } = await buildUser();
    const disabled = await buildUser({ disabled: true });
    const clientAddress = address();
    expect(await authorizeCredentials({ email: user.email, password: 'wrong-password' }, { clientAddress })).toEqual({
      ok: false,
      code: 'INVALID_CREDENTIALS',
    });
    expect(
      await authorizeCredentials({ email: `nobody-${randomUUID()}@example.com`, password: 'x' }, { clientAddress }),
    ).toEqual({ ok: false, code: 'INVALID_CREDENTIALS' });
    expect(
      await authorizeCredentials({ email: disabled.user.email, password: disabled.password }, { clientAddress }),
    ).toEqual({
      ok: false,
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('refuses malformed input without touching the database', async () => {
    for (const input of [null, {}, { email: 'not-an-email', password: 'x' }, { email: 'a@b.co', password: '' }, 'x']) {
      expect(await authorizeCredentials(input)).toEqual({ ok: false, code: 'INVALID_CREDENTIALS' });
    }
  });
});

describe('sign-in limits', () => {
  it('five wrong passwords from one client address do not stop the right password from another address', async () => {
    const { user, password } = await buildUser();
    const attacker = address();
    const now = new Date();
    const results = await failTimes(user.email, ACCOUNT_CLIENT_POLICY.maxFailures, { clientAddress: attacker, now });
    expect(results.slice(0, -1).every((r) => !r.ok && r.code === 'INVALID_CREDENTIALS')).toBe(true);
    // The failure that reaches the limit locks that client out of that account, and says for how long.
    expect(results.at(-1)).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      retryAfterSeconds: ACCOUNT_CLIENT_POLICY.lockMs / 1000,
    });
    // The attacker stays out, even with the right password…
    expect(await authorizeCredentials({ email: user.email, password }, { clientAddress: attacker, now })).toMatchObject(
      {
        code: 'RATE_LIMITED',
      },
    );
    // …and the owner, elsewhere, is in.
    expect(
      await authorizeCredentials({ email: user.email, password }, { clientAddress: address(), now }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('a lock ends when its time is up; attempts refused meanwhile do not renew it', async () => {
    const { user, password } = await buildUser();
    const client = address();
    const start = new Date();
    await failTimes(user.email, ACCOUNT_CLIENT_POLICY.maxFailures, { clientAddress: client, now: start });
    const later = new Date(start.getTime() + 5 * MINUTE);
    expect(await failTimes(user.email, 3, { clientAddress: client, now: later })).toEqual(
      Array(3).fill({
        ok: false,
        code: 'RATE_LIMITED',
        retryAfterSeconds: (ACCOUNT_CLIENT_POLICY.lockMs - 5 * MINUTE) / 1000,
      }),
    );
    const afterLock = new Date(start.getTime() + ACCOUNT_CLIENT_POLICY.lockMs + MINUTE);
    expect(
      await authorizeCredentials({ email: user.email, password }, { clientAddress: client, now: afterLock }),
    ).toMatchObject({
      ok: true,
    });
    // Success starts this client's count for this account again.
    expect(await getDb().loginThrottle.count({ where: { key: { startsWith: `account-client:${user.email} ` } } })).toBe(
      0,
    );
  });

  it('slows guessing at one account spread over many addresses, except from a browser the owner signed in from', async () => {
    const { user, password } = await buildUser();
    const now = new Date();
    const ownersBrowser = issueDeviceToken(user.email, now);
    // Two failures from each of many addresses: no single client reaches its own limit.
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures / 2; i++) {
      await failTimes(user.email, 2, { clientAddress: address(), now });
    }
    // Every client without a device token of the account is now held back, a new one included…
    expect(await authorizeCredentials({ email: user.email, password }, { clientAddress: address(), now })).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      retryAfterSeconds: ACCOUNT_POLICY.lockMs / 1000,
    });
    // …but the owner's browser is not.
    expect(
      await authorizeCredentials(
        { email: user.email, password },
        { clientAddress: address(), deviceToken: ownersBrowser, now },
      ),
    ).toMatchObject({ ok: true });
  });

  it("a device token counts only for its own account and browser, and can't be forged", async () => {
    const { user, password } = await buildUser();
    const { user: other } = await buildUser();
    const now = new Date();
    const token = issueDeviceToken(user.email, now) ?? '';
    // A token for someone else's account, a tampered one and an old one are no tokens at all.
    const othersToken = issueDeviceToken(other.email, now);
    const [payload = '', signature = ''] = token.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), e: other.email })).toString('base64url')}.${signature}`;
    const old = issueDeviceToken(user.email, new Date(now.getTime() - 181 * 24 * 60 * MINUTE));
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures / 2; i++)
      await failTimes(user.email, 2, { clientAddress: address(), now });
    for (const deviceToken of [othersToken, tampered, old, 'x.y', '']) {
      expect(
        await authorizeCredentials({ email: user.email, password }, { clientAddress: address(), deviceToken, now }),
      ).toMatchObject({ code: 'RATE_LIMITED' });
    }
    // Failures with a genuine token lock that token only.
    const locked = await failTimes(user.email, DEVICE_POLICY.maxFailures, {
      clientAddress: address(),
      deviceToken: token,
      now,
    });
    expect(locked.at(-1)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await authorizeCredentials({ email: user.email, password }, { deviceToken: token, now })).toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(
      await authorizeCredentials(
        { email: user.email, password },
        { deviceToken: issueDeviceToken(user.email, now), now },
      ),
    ).toMatchObject({ ok: true });
  });

  it('bursts of failures from one client across accounts are refused with RATE_LIMITED and a retry time', async () => {
    const clientAddress = address();
    const now = new Date();
    const results = [];
    for (let i = 0; i < ADDRESS_POLICY.maxFailures; i++) {
      results.push(
        await authorizeCredentials(
          { email: `spray-${i}-${randomUUID()}@example.com`, password: 'x' },
          { clientAddress, now },
        ),
      );
    }
    expect(results.slice(0, -1).every((r) => !r.ok && r.code === 'INVALID_CREDENTIALS')).toBe(true);
    expect(results.at(-1)).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      retryAfterSeconds: ADDRESS_POLICY.lockMs / 1000,
    });
    const { user, password } = await buildUser();
    expect(await authorizeCredentials({ email: user.email, password }, { clientAddress, now })).toMatchObject({
      code: 'RATE_LIMITED',
    });
    // Another address in the same IPv6 /64 is the same client.
    const sameSubnet = clientAddress.replace(/::1$/, '::abcd');
    expect(
      await authorizeCredentials({ email: user.email, password }, { clientAddress: sameSubnet, now }),
    ).toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(
      await authorizeCredentials({ email: user.email, password }, { clientAddress: address(), now }),
    ).toMatchObject({ ok: true });
  });

  it('counts concurrent failures exactly (no lost updates)', async () => {
    const { user } = await buildUser();
    const clientAddress = address();
    const now = new Date();
    await Promise.all(
      Array.from({ length: 4 }, () =>
        authorizeCredentials({ email: user.email, password: 'bad' }, { clientAddress, now }),
      ),
    );
    const row = await getDb().loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.failures).toBe(4);
    expect(row.lockedUntil).toBeNull();
  });

  it('starts counting again once the window has passed', async () => {
    const { user } = await buildUser();
    const clientAddress = address();
    const start = new Date();
    await failTimes(user.email, ACCOUNT_CLIENT_POLICY.maxFailures - 1, { clientAddress, now: start });
    const nextWindow = new Date(start.getTime() + ACCOUNT_CLIENT_POLICY.windowMs + MINUTE);
    expect(await failTimes(user.email, 1, { clientAddress, now: nextWindow })).toEqual([
      { ok: false, code: 'INVALID_CREDENTIALS' },
    ]);
    const row = await getDb().loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.failures).toBe(1);
  });
});

describe('pruneThrottle', () => {
  it('deletes rows that count for nothing any more, and keeps live windows and locks', async () => {
    const db = getDb();
    const now = new Date();
    const t = randomUUID();
    const old = new Date(now.getTime() - PRUNE_AFTER_MS - MINUTE);
    await db.loginThrottle.createMany({
      data: [
        { key: `test-old:${t}`, failures: 3, windowStart: old },
        {
          key: `test-old-lock-over:${t}`,
          failures: 5,
          windowStart: old,
          lockedUntil: new Date(now.getTime() - MINUTE),
        },
        {
          key: `test-old-still-locked:${t}`,
          failures: 5,
          windowStart: old,
          lockedUntil: new Date(now.getTime() + MINUTE),
        },
        { key: `test-live:${t}`, failures: 1, windowStart: new Date(now.getTime() - MINUTE) },
      ],
    });
    await pruneThrottle(db, now);
    const left = await db.loginThrottle.findMany({ where: { key: { endsWith: t } }, select: { key: true } });
    expect(left.map((r) => r.key).sort()).toEqual([`test-live:${t}`, `test-old-still-locked:${t}`]);
  });

  it('runs as failures are counted', async () => {
    const db = getDb();
    const key = `test-stale:${randomUUID()}`;
    await db.loginThrottle.create({
      data: { key, failures: 2, windowStart: new Date(Date.now() - PRUNE_AFTER_MS - MINUTE) },
    });
    await authorizeCredentials(
      { email: `nobody-${randomUUID()}@example.com`, password: 'x' },
      { clientAddress: address() },
    );
    expect(await db.loginThrottle.count({ where: { key } })).toBe(0);
  });
});
