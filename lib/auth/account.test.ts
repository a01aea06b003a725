import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { closePool } from '@/lib/db/pool';
import { buildUser } from '@/test/builders';
import { authorizeCredentials } from './authorize-credentials';
import { CHANGE_PASSWORD_POLICY, changeOwnPassword } from './change-own-password';
import { checkSession } from './check-session';
import { openSession } from './open-session';
import { requestPasswordReset } from './request-password-reset';
import { latestResetToken, TEST_PUBLIC_URL } from './reset.testing';
import { checkResetLink } from './reset-password';
import { updateOwnAccount } from './update-own-account';

beforeAll(() => {
  process.env.NEXTAUTH_URL = TEST_PUBLIC_URL;
});
afterAll(() => closePool());

describe('updateOwnAccount', () => {
  it('changes one’s own name and e-mail language, recorded with before and after', async () => {
    const { user, actor } = await buildUser({ name: 'Old Name' });
    expect(await updateOwnAccount(actor, { name: '  张 新名  ', locale: 'en' })).toEqual({
      name: '张 新名',
      locale: 'en',
      changed: true,
    });
    expect(await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      name: '张 新名',
      locale: 'en',
    });
    const event = await getDb().auditEvent.findFirst({ where: { action: 'account.updated', subjectId: user.id } });
    expect(event?.details).toEqual({
      before: { name: 'Old Name', locale: 'zh-CN' },
      after: { name: '张 新名', locale: 'en' },
    });
  });

  it('records nothing when nothing changed', async () => {
    const { user, actor } = await buildUser({ name: 'Same Name' });
    expect(await updateOwnAccount(actor, { name: 'Same Name', locale: 'zh-CN' })).toMatchObject({ changed: false });
    expect(await getDb().auditEvent.count({ where: { action: 'account.updated', subjectId: user.id } })).toBe(0);
  });

  it('refuses an empty or overlong name and an unknown language, changing nothing', async () => {
    const { user, actor } = await buildUser({ name: 'Kept Name' });
    for (const input of [
      { name: '   ', locale: 'en' },
      { name: 'x'.repeat(201), locale: 'en' },
      { name: 'Fine', locale: 'fr' },
      {},
    ]) {
      await expect(updateOwnAccount(actor, input)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      name: 'Kept Name',
      locale: 'zh-CN',
    });
  });

  it('refuses a disabled account', async () => {
    const { actor } = await buildUser({ disabled: true });
    await expect(updateOwnAccount(actor, { name: 'X', locale: 'en' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('changeOwnPassword', () => {
  it('sets the new password and ends every other session of the person, keeping this one', async () => {
    const { user, actor, password } = await buildUser({ role: 'judge' });
    const { user: other } = await buildUser();
    const here = await openSession(user.id);
    const elsewhere = [await openSession(user.id), await openSession(user.id)];
    const theirs = await openSession(other.id);
    await requestPasswordReset({ email: user.email }, { minDurationMs: 0, clientAddress: `t-${user.id}` });
    const pendingLink = await latestResetToken(user.email);

    expect(
      await changeOwnPassword(
        actor,
        { currentPassword: password, newPassword: 'my new long passphrase' },
        { keepSessionId: here },
      ),
    ).toEqual({ endedSessions: 2 });

    expect(await checkSession({ sub: user.id, sid: here })).not.toBeNull();
    for (const sid of elsewhere) expect(await checkSession({ sub: user.id, sid })).toBeNull();
    expect(await checkSession({ sub: other.id, sid: theirs })).not.toBeNull();
    expect(await authorizeCredentials({ email: user.email, password: 'my new long passphrase' })).toMatchObject({
      ok: true,
    });
    expect(await checkResetLink(pendingLink)).toEqual({ ok: false, reason: 'LINK_USED' });
    expect(
      await getDb().auditEvent.findFirst({ where: { action: 'password.changed', subjectId: user.id } }),
    ).toMatchObject({
      actorId: user.id,
      details: { endedSessions: 2 },
    });
  });

  it('refuses a wrong current password, and a weak new one, changing nothing', async () => {
    const { user, actor, password } = await buildUser();
    const elsewhere = await openSession(user.id);
    await expect(
      changeOwnPassword(
        actor,
        { currentPassword: 'not it', newPassword: 'my new long passphrase' },
        { keepSessionId: null },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'CURRENT_PASSWORD_WRONG' } });
    for (const newPassword of ['short', 'password1234', '123456789012']) {
      await expect(
        changeOwnPassword(actor, { currentPassword: password, newPassword }, { keepSessionId: null }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
    await expect(
      changeOwnPassword(actor, { currentPassword: '', newPassword: 'my new long passphrase' }, { keepSessionId: null }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await authorizeCredentials({ email: user.email, password })).toMatchObject({ ok: true });
    expect(await checkSession({ sub: user.id, sid: elsewhere })).not.toBeNull();
  });

  it('limits wrong current passwords per account', async () => {
    const { actor, password } = await buildUser();
    const now = new Date();
    for (let i = 1; i < CHANGE_PASSWORD_POLICY.maxFailures; i++) {
      await expect(
        changeOwnPassword(
          actor,
          { currentPassword: `wrong-${i}`, newPassword: 'my new long passphrase' },
          { keepSessionId: null, now },
        ),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(
      changeOwnPassword(
        actor,
        { currentPassword: 'wrong-last', newPassword: 'my new long passphrase' },
        { keepSessionId: null, now },
      ),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: CHANGE_PASSWORD_POLICY.lockMs / 1000 },
    });
    await expect(
      changeOwnPassword(
        actor,
        { currentPassword: password, newPassword: 'my new long passphrase' },
        { keepSessionId: null, now },
      ),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
