import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import * as pool from '@/lib/db/pool';
import { buildUser } from '@/test/builders';
import { RESET_ACCOUNT_POLICY, RESET_ADDRESS_POLICY, requestPasswordReset } from './request-password-reset';
import { resetMailsTo, TEST_PUBLIC_URL } from './reset.testing';
import { RESET_TOKEN_MINUTES } from './reset-token';

beforeAll(() => {
  process.env.NEXTAUTH_URL = TEST_PUBLIC_URL;
});
afterAll(() => pool.closePool());

const address = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
const quick = { minDurationMs: 0 };

describe('requestPasswordReset', () => {
  it('queues one e-mail with a 30-minute link on the public URL, in the person’s language, and stores only the token’s hash', async () => {
    const { user } = await buildUser({ name: 'Test Reset Person' });
    await getDb().user.update({ where: { id: user.id }, data: { locale: 'en' } });
    const before = Date.now();
    await requestPasswordReset({ email: ` ${user.email.toUpperCase()} ` }, { ...quick, clientAddress: address() });
    const [mail, ...more] = await resetMailsTo(user.email);
    expect(more).toHaveLength(0);
    const params = mail?.params as { name: string; link: string; expiresAt: string };
    expect(mail).toMatchObject({ locale: 'en', status: 'queued' });
    expect(params.name).toBe('Test Reset Person');
    expect(params.link).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/reset-password/[A-Za-z0-9_-]{43}\\?lang=en$`));
    const minutes = (Date.parse(params.expiresAt) - before) / 60_000;
    expect(minutes).toBeGreaterThan(RESET_TOKEN_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(RESET_TOKEN_MINUTES + 1);
    const token = /reset-password\/([^?]+)/.exec(params.link)?.[1] ?? '';
    const rows = await getDb().passwordResetToken.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.requestedBy).toBeNull();
    expect(Buffer.from(rows[0]?.tokenHash ?? []).toString('base64url')).not.toBe(token);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('answers an unknown address and a disabled account exactly alike, and sends nothing', async () => {
    const disabled = await buildUser({ disabled: true });
    const nobody = `nobody-${randomUUID()}@example.com`;
    await expect(
      requestPasswordReset({ email: nobody }, { ...quick, clientAddress: address() }),
    ).resolves.toBeUndefined();
    await expect(
      requestPasswordReset({ email: disabled.user.email }, { ...quick, clientAddress: address() }),
    ).resolves.toBeUndefined();
    expect(await resetMailsTo(nobody)).toHaveLength(0);
    expect(await resetMailsTo(disabled.user.email)).toHaveLength(0);
    expect(await getDb().passwordResetToken.count({ where: { userId: disabled.user.id } })).toBe(0);
  });

  it('takes at least the minimum time whether or not the account exists', async () => {
    const { user } = await buildUser();
    for (const email of [user.email, `nobody-${randomUUID()}@example.com`]) {
      const started = Date.now();
      await requestPasswordReset({ email }, { clientAddress: address(), minDurationMs: 300 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    }
  });

  it('refuses a malformed address', async () => {
    for (const email of ['not-an-email', '', 'a@', 42]) {
      await expect(requestPasswordReset({ email }, quick)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('writes neither link nor e-mail when the transaction fails', async () => {
    const { user } = await buildUser();
    const spy = vi.spyOn(pool, 'withTransaction').mockImplementationOnce(async (fn) => {
      const client = await pool.getPool().connect();
      try {
        await client.query('BEGIN');
        await fn(client);
        throw new Error('the database went away before COMMIT');
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    });
    await expect(requestPasswordReset({ email: user.email }, { ...quick, clientAddress: address() })).rejects.toThrow(
      'went away',
    );
    spy.mockRestore();
    expect(await resetMailsTo(user.email)).toHaveLength(0);
    expect(await getDb().passwordResetToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it('sends at most a few e-mails per address in a window, and still answers the same', async () => {
    const { user } = await buildUser();
    const now = new Date();
    for (let i = 0; i < RESET_ACCOUNT_POLICY.maxFailures + 2; i++) {
      await expect(
        requestPasswordReset({ email: user.email }, { ...quick, clientAddress: address(), now }),
      ).resolves.toBeUndefined();
    }
    expect(await resetMailsTo(user.email)).toHaveLength(RESET_ACCOUNT_POLICY.maxFailures);
  });

  it('refuses a burst from one client with RATE_LIMITED and a retry time', async () => {
    const clientAddress = address();
    const now = new Date();
    for (let i = 0; i < RESET_ADDRESS_POLICY.maxFailures; i++) {
      await requestPasswordReset({ email: `nobody-${randomUUID()}@example.com` }, { ...quick, clientAddress, now });
    }
    await expect(
      requestPasswordReset({ email: `nobody-${randomUUID()}@example.com` }, { ...quick, clientAddress, now }),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: RESET_ADDRESS_POLICY.lockMs / 1000 },
    });
    await expect(
      requestPasswordReset(
        { email: `nobody-${randomUUID()}@example.com` },
        { ...quick, clientAddress: address(), now },
      ),
    ).resolves.toBeUndefined();
  });
});
