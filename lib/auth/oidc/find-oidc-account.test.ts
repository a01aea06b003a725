import { describe, expect, it } from 'vitest';
import { buildUser, tag } from '@/test/builders';
import { findOidcAccount } from './find-oidc-account';

const EMAIL = { emailClaim: 'email' };

describe('findOidcAccount', () => {
  it("finds the active staff account whose address the claim names, whatever the claim's case and spacing", async () => {
    const judge = await buildUser({ role: 'judge', email: `judge-${tag()}@court.example` });
    const result = await findOidcAccount(
      { sub: 'x', email: `  ${judge.user.email.toUpperCase()} `, email_verified: true },
      EMAIL,
    );
    expect(result).toEqual({ ok: true, actor: judge.actor });
  });

  it('reads the configured claim, not `email`', async () => {
    const admin = await buildUser({ role: 'admin' });
    const claims = { email: `someone-else-${tag()}@example.com`, upn: admin.user.email };
    expect(await findOidcAccount(claims, { emailClaim: 'upn' })).toEqual({ ok: true, actor: admin.actor });
    // The same claims read through `email` name nobody.
    expect(await findOidcAccount(claims, EMAIL)).toEqual({ ok: false, code: 'OIDC_NO_ACCOUNT' });
  });

  it('refuses an address no account has (and creates none)', async () => {
    const email = `nobody-${tag()}@court.example`;
    expect(await findOidcAccount({ email }, EMAIL)).toEqual({ ok: false, code: 'OIDC_NO_ACCOUNT' });
    expect(await findOidcAccount({ email }, EMAIL)).toEqual({ ok: false, code: 'OIDC_NO_ACCOUNT' });
  });

  it('refuses a disabled account', async () => {
    const judge = await buildUser({ role: 'judge', disabled: true });
    expect(await findOidcAccount({ email: judge.user.email }, EMAIL)).toEqual({ ok: false, code: 'OIDC_DISABLED' });
  });

  it('refuses litigant and depositor accounts: they are not staff and keep their password', async () => {
    for (const role of ['litigant', 'depositor'] as const) {
      const person = await buildUser({ role });
      expect(await findOidcAccount({ email: person.user.email }, EMAIL), role).toEqual({
        ok: false,
        code: 'OIDC_NOT_STAFF',
      });
    }
  });

  it('refuses an address the provider says is not verified (boolean or string)', async () => {
    const judge = await buildUser({ role: 'judge' });
    for (const flag of [false, 'false']) {
      expect(await findOidcAccount({ email: judge.user.email, email_verified: flag }, EMAIL)).toEqual({
        ok: false,
        code: 'OIDC_EMAIL_UNVERIFIED',
      });
    }
    // Another claim mapped to the same address: the flag still speaks of it.
    expect(
      await findOidcAccount(
        { email: judge.user.email, upn: judge.user.email, email_verified: false },
        { emailClaim: 'upn' },
      ),
    ).toEqual({ ok: false, code: 'OIDC_EMAIL_UNVERIFIED' });
    // A different address under `email` is not the one used: its flag does not decide.
    expect(
      await findOidcAccount(
        { email: 'private@example.com', upn: judge.user.email, email_verified: false },
        { emailClaim: 'upn' },
      ),
    ).toEqual({ ok: true, actor: judge.actor });
  });

  it('refuses a missing, empty, non-string or malformed claim', async () => {
    for (const value of [undefined, '', '   ', 42, ['a@b.example'], { email: 'a@b.example' }, 'not-an-address', 'a@']) {
      expect(await findOidcAccount({ sub: 'x', email: value }, EMAIL), JSON.stringify(value)).toEqual({
        ok: false,
        code: 'OIDC_NO_EMAIL',
      });
    }
  });
});
