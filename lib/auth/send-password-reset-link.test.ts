import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { closePool } from '@/lib/db/pool';
import { buildCourt, buildUser } from '@/test/builders';
import { latestResetToken, resetMailsTo, TEST_PUBLIC_URL } from './reset.testing';
import { checkResetLink } from './reset-password';
import { sendPasswordResetLink } from './send-password-reset-link';

beforeAll(() => {
  process.env.NEXTAUTH_URL = TEST_PUBLIC_URL;
});
afterAll(() => closePool());

describe('sendPasswordResetLink', () => {
  it('lets an admin send any account a link, in its language, recorded in the audit log', async () => {
    const admin = await buildUser({ role: 'admin' });
    const court = await buildCourt();
    const { user: judge } = await buildUser({ role: 'judge', courtId: court.id });
    await getDb().user.update({ where: { id: judge.id }, data: { locale: 'en' } });
    const { expiresAt } = await sendPasswordResetLink(admin.actor, judge.id);
    const [mail] = await resetMailsTo(judge.email);
    expect(mail).toMatchObject({ locale: 'en', status: 'queued' });
    expect(mail?.params).toMatchObject({ expiresAt: expiresAt.toISOString() });
    expect(await checkResetLink(await latestResetToken(judge.email))).toMatchObject({ ok: true, email: judge.email });
    expect(await getDb().passwordResetToken.findFirst({ where: { userId: judge.id } })).toMatchObject({
      requestedBy: admin.user.id,
    });
    expect(
      await getDb().auditEvent.findFirst({ where: { action: 'password.reset_link_sent', subjectId: judge.id } }),
    ).toMatchObject({ actorId: admin.user.id, caseId: null });
  });

  it.each(['litigant', 'judge', 'clerk', 'depositor'] as const)('refuses a %s, and sends nothing', async (role) => {
    const { actor } = await buildUser({ role });
    const { user } = await buildUser();
    await expect(sendPasswordResetLink(actor, user.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await resetMailsTo(user.email)).toHaveLength(0);
  });

  it('refuses an unknown account, a malformed id and a disabled account', async () => {
    const admin = await buildUser({ role: 'admin' });
    const disabled = await buildUser({ disabled: true });
    await expect(sendPasswordResetLink(admin.actor, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(sendPasswordResetLink(admin.actor, 'not-a-uuid')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(sendPasswordResetLink(admin.actor, disabled.user.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'ACCOUNT_DISABLED' },
    });
    expect(await resetMailsTo(disabled.user.email)).toHaveLength(0);
  });
});
