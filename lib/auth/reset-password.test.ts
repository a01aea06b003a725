import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { closePool } from '@/lib/db/pool';
import { buildUser } from '@/test/builders';
import { authorizeCredentials } from './authorize-credentials';
import { checkSession } from './check-session';
import { openSession } from './open-session';
import { requestPasswordReset } from './request-password-reset';
import { latestResetToken, TEST_PUBLIC_URL } from './reset.testing';
import { checkResetLink, resetPassword } from './reset-password';
import { hashResetToken } from './reset-token';

beforeAll(() => {
  process.env.NEXTAUTH_URL = TEST_PUBLIC_URL;
});
afterAll(() => closePool());

const NEW_PASSWORD = 'a new and long passphrase';

async function personWithLink(options: Parameters<typeof buildUser>[0] = {}) {
  const made = await buildUser(options);
  await requestPasswordReset({ email: made.user.email }, { minDurationMs: 0, clientAddress: randomUUID() });
  return { ...made, token: await latestResetToken(made.user.email) };
}

describe('resetPassword', () => {
  it('sets the new password, ends every session of the person and records it, through a valid link', async () => {
    const { user, password, token } = await personWithLink({ name: 'Reset Person' });
    const sessions = [await openSession(user.id), await openSession(user.id)];
    expect(await checkResetLink(token)).toEqual({ ok: true, name: 'Reset Person', email: user.email });

    await expect(resetPassword({ token, password: NEW_PASSWORD })).resolves.toEqual({ userId: user.id });

    expect(await authorizeCredentials({ email: user.email, password: NEW_PASSWORD })).toMatchObject({ ok: true });
    expect(await authorizeCredentials({ email: user.email, password })).toMatchObject({ ok: false });
    for (const sid of sessions) expect(await checkSession({ sub: user.id, sid })).toBeNull();
    const ended = await getDb().userSession.findMany({ where: { id: { in: sessions } } });
    expect(ended.map((s) => s.endReason)).toEqual(['password_changed', 'password_changed']);
    const event = await getDb().auditEvent.findFirst({ where: { action: 'password.reset', subjectId: user.id } });
    expect(event).toMatchObject({ actorId: user.id, caseId: null });
  });

  it('works once: the same link again is refused as used, and so are the person’s other links', async () => {
    const { user, token: first } = await personWithLink();
    await requestPasswordReset({ email: user.email }, { minDurationMs: 0, clientAddress: randomUUID() });
    const second = await latestResetToken(user.email);
    expect(second).not.toBe(first);
    await resetPassword({ token: second, password: NEW_PASSWORD });
    await expect(resetPassword({ token: second, password: 'yet another long passphrase' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'LINK_USED' },
    });
    await expect(resetPassword({ token: first, password: 'yet another long passphrase' })).rejects.toMatchObject({
      details: { reason: 'LINK_USED' },
    });
    expect(await checkResetLink(second)).toEqual({ ok: false, reason: 'LINK_USED' });
    expect(await authorizeCredentials({ email: user.email, password: NEW_PASSWORD })).toMatchObject({ ok: true });
  });

  it('works once even when two requests race', async () => {
    const { token } = await personWithLink();
    const results = await Promise.allSettled([
      resetPassword({ token, password: 'first racing passphrase' }),
      resetPassword({ token, password: 'second racing passphrase' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { details: { reason: 'LINK_USED' } },
    });
  });

  it('refuses an expired link, and changes nothing', async () => {
    const { user, password, token } = await personWithLink();
    await getDb().passwordResetToken.updateMany({
      where: { tokenHash: new Uint8Array(hashResetToken(token)) },
      data: { createdAt: new Date(Date.now() - 40 * 60_000), expiresAt: new Date(Date.now() - 60_000) },
    });
    const sid = await openSession(user.id);
    expect(await checkResetLink(token)).toEqual({ ok: false, reason: 'LINK_EXPIRED' });
    await expect(resetPassword({ token, password: NEW_PASSWORD })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'LINK_EXPIRED' },
    });
    expect(await authorizeCredentials({ email: user.email, password })).toMatchObject({ ok: true });
    expect(await checkSession({ sub: user.id, sid })).not.toBeNull();
  });

  it('refuses forged and malformed links', async () => {
    for (const token of [randomBytes(32).toString('base64url'), 'short', '', `${'a'.repeat(43)}/..`, 42, null]) {
      expect(await checkResetLink(token)).toEqual({ ok: false, reason: 'LINK_INVALID' });
      await expect(resetPassword({ token: String(token), password: NEW_PASSWORD })).rejects.toMatchObject({
        details: { reason: 'LINK_INVALID' },
      });
    }
  });

  it('refuses the link of an account disabled since it was sent', async () => {
    const { user, token } = await personWithLink();
    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await expect(resetPassword({ token, password: NEW_PASSWORD })).rejects.toMatchObject({
      details: { reason: 'LINK_INVALID' },
    });
  });

  it('refuses a weak new password and leaves the link usable', async () => {
    const { token } = await personWithLink();
    for (const password of ['short', 'password1234', '123456789012']) {
      await expect(resetPassword({ token, password })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await checkResetLink(token)).toMatchObject({ ok: true });
  });
});
