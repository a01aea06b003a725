/**
 * The account and password-reset server actions (app/(portal)/account/actions.ts,
 * app/forgot-password/actions.ts, app/reset-password/[token]/actions.ts) as their forms post them,
 * on the real database; only the session lookup and the request headers are replaced. They are
 * public endpoints: each checks what it is given and who asks.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { changePasswordAction, updateAccountAction } from '@/app/(portal)/account/actions';
import { requestResetAction } from '@/app/forgot-password/actions';
import { resetPasswordAction } from '@/app/reset-password/[token]/actions';
import { initialFormState } from '@/components/account/form-state';
import type { Actor } from '@/lib/auth/actor';
import { authorizeCredentials } from '@/lib/auth/authorize-credentials';
import { checkSession } from '@/lib/auth/check-session';
import { openSession } from '@/lib/auth/open-session';
import { latestResetToken, resetMailsTo, TEST_PUBLIC_URL } from '@/lib/auth/reset.testing';
import { getCurrentSessionId, requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { closePool } from '@/lib/db/pool';
import { buildUser } from '@/test/builders';

vi.mock('@/lib/auth/session', () => ({ requireUser: vi.fn(), getCurrentSessionId: vi.fn() }));
vi.mock('next/headers', () => ({
  headers: async () =>
    new Headers({ 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}` }),
}));

let signedIn: Actor;
let sessionId: string | null;

beforeAll(() => {
  process.env.NEXTAUTH_URL = TEST_PUBLIC_URL;
});
afterAll(() => closePool());
beforeEach(() => {
  vi.mocked(requireUser).mockImplementation(async () => signedIn);
  vi.mocked(getCurrentSessionId).mockImplementation(async () => sessionId);
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe('requestResetAction', () => {
  it('answers "sent" for an account and for no account alike, and asks for a missing address', async () => {
    const { user } = await buildUser();
    const nobody = `nobody-${randomUUID()}@example.com`;
    for (const email of [user.email, nobody]) {
      expect(await requestResetAction(initialFormState(), form({ email }))).toEqual({
        attempt: 1,
        values: { email },
        errors: [],
        done: 'sent',
      });
    }
    expect(await resetMailsTo(user.email)).toHaveLength(1);
    expect(await resetMailsTo(nobody)).toHaveLength(0);
    expect(await requestResetAction(initialFormState(), form({ email: ' ' }))).toMatchObject({
      errors: [{ key: 'emailMissing', field: 'email' }],
    });
    expect(await requestResetAction(initialFormState(), form({ email: 'not-an-address' }))).toMatchObject({
      errors: [{ key: 'emailInvalid', field: 'email' }],
    });
  });
});

describe('resetPasswordAction', () => {
  it('sets the password through a link, refuses mismatches and weak passwords, then says the link is used', async () => {
    const { user } = await buildUser();
    await requestResetAction(initialFormState(), form({ email: user.email }));
    const token = await latestResetToken(user.email);
    expect(
      await resetPasswordAction(
        initialFormState(),
        form({ token, password: 'one long passphrase', confirmPassword: 'another' }),
      ),
    ).toMatchObject({ errors: [{ key: 'confirmMismatch', field: 'confirmPassword' }] });
    expect(
      await resetPasswordAction(
        initialFormState(),
        form({ token, password: 'password1234', confirmPassword: 'password1234' }),
      ),
    ).toMatchObject({ errors: [{ key: 'passwordCommon', field: 'password' }] });
    const good = { token, password: 'one long passphrase', confirmPassword: 'one long passphrase' };
    expect(await resetPasswordAction(initialFormState(), form(good))).toMatchObject({ errors: [], done: 'reset' });
    expect(await resetPasswordAction(initialFormState(), form(good))).toMatchObject({ problem: 'LINK_USED' });
    expect(await resetPasswordAction(initialFormState(), form({ ...good, token: 'forged' }))).toMatchObject({
      problem: 'LINK_INVALID',
    });
    expect(await authorizeCredentials({ email: user.email, password: 'one long passphrase' })).toMatchObject({
      ok: true,
    });
  });
});

describe('account actions', () => {
  it('save the signed-in person’s own name and language, never someone else’s', async () => {
    const me = await buildUser({ name: 'Me' });
    const them = await buildUser({ name: 'Them' });
    signedIn = me.actor;
    expect(
      await updateAccountAction(initialFormState(), form({ name: 'Me Renamed', locale: 'en', id: them.user.id })),
    ).toMatchObject({ done: 'saved', values: { name: 'Me Renamed', locale: 'en' } });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: them.user.id } })).name).toBe('Them');
    expect(await updateAccountAction(initialFormState(), form({ name: '', locale: 'xx' }))).toMatchObject({
      errors: [
        { key: 'nameMissing', field: 'name' },
        { key: 'localeMissing', field: 'locale' },
      ],
    });
  });

  it('change the password with the current one, keeping this session and ending the others', async () => {
    const me = await buildUser();
    signedIn = me.actor;
    sessionId = await openSession(me.user.id);
    const other = await openSession(me.user.id);
    expect(await changePasswordAction(initialFormState(), form({ currentPassword: '', password: '' }))).toMatchObject({
      errors: [
        { key: 'currentMissing', field: 'currentPassword' },
        { key: 'passwordMissing', field: 'password' },
      ],
    });
    expect(
      await changePasswordAction(
        initialFormState(),
        form({ currentPassword: 'wrong', password: 'my next passphrase', confirmPassword: 'my next passphrase' }),
      ),
    ).toMatchObject({ errors: [{ key: 'currentWrong', field: 'currentPassword' }] });
    expect(
      await changePasswordAction(
        initialFormState(),
        form({ currentPassword: me.password, password: '123456789012', confirmPassword: '123456789012' }),
      ),
    ).toMatchObject({ errors: [{ key: 'passwordCommon', field: 'password' }] });
    expect(
      await changePasswordAction(
        initialFormState(),
        form({ currentPassword: me.password, password: 'my next passphrase', confirmPassword: 'my next passphrase' }),
      ),
    ).toMatchObject({ errors: [], done: 'changed' });
    expect(await checkSession({ sub: me.user.id, sid: sessionId })).not.toBeNull();
    expect(await checkSession({ sub: me.user.id, sid: other })).toBeNull();
  });
});
