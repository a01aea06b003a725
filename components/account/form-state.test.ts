import { describe, expect, it } from 'vitest';
import { ZChangeOwnPassword } from '@/lib/auth/change-own-password';
import { ZResetPassword } from '@/lib/auth/reset-password';
import { AppError } from '@/lib/errors/app-error';
import { validationFailed } from '@/lib/errors/zod-issues';
import { accountFormErrors } from './form-state';

const issuesOf = (schema: typeof ZResetPassword | typeof ZChangeOwnPassword, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a failure');
  return validationFailed(parsed.error);
};

describe('accountFormErrors', () => {
  it('names the new-password rule that failed, on the form’s field', () => {
    expect(accountFormErrors(issuesOf(ZResetPassword, { token: 't', password: 'short' }))).toEqual([
      { key: 'passwordTooShort', field: 'password' },
    ]);
    expect(accountFormErrors(issuesOf(ZResetPassword, { token: 't', password: 'x'.repeat(300) }))).toEqual([
      { key: 'passwordTooLong', field: 'password' },
    ]);
    expect(accountFormErrors(issuesOf(ZResetPassword, { token: 't', password: 'password1234' }))).toEqual([
      { key: 'passwordCommon', field: 'password' },
    ]);
    expect(
      accountFormErrors(issuesOf(ZChangeOwnPassword, { currentPassword: '', newPassword: '123456789012' }), {
        newPassword: 'password',
      }),
    ).toEqual([
      { key: 'currentMissing', field: 'currentPassword' },
      { key: 'passwordCommon', field: 'password' },
    ]);
  });

  it('turns a limit into minutes, and a wrong current password into its field', () => {
    expect(accountFormErrors(new AppError('RATE_LIMITED', 'x', { retryAfterSeconds: 61 }))).toEqual([
      { key: 'rateLimited', minutes: 2 },
    ]);
    expect(accountFormErrors(new AppError('FORBIDDEN', 'x', { reason: 'CURRENT_PASSWORD_WRONG' }))).toEqual([
      { key: 'currentWrong', field: 'currentPassword' },
    ]);
  });

  it('leaves unexpected errors to the caller', () => {
    expect(accountFormErrors(new Error('boom'))).toBeNull();
    expect(accountFormErrors(new AppError('FORBIDDEN', 'x'))).toBeNull();
  });
});

describe('a refused character (lib/text/plain-text.ts) in a name', () => {
  it('reads "remove the character", in both languages', async () => {
    const { ZOwnAccount } = await import('@/lib/auth/update-own-account');
    const en = (await import('@/messages/en.json')).default.account.errors;
    const zh = (await import('@/messages/zh-CN.json')).default.account.errors;
    const parsed = ZOwnAccount.safeParse({ name: '张\u2067三', locale: 'en' });
    expect(parsed.error).toBeDefined();
    expect(accountFormErrors(validationFailed(parsed.error as NonNullable<typeof parsed.error>))).toEqual([
      { key: 'textInvalid', field: 'name' },
    ]);
    expect([en.textInvalid, zh.textInvalid]).toEqual([
      expect.stringMatching(/text-direction/),
      expect.stringMatching(/文字方向/),
    ]);
  });
});
