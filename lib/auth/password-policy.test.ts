import { describe, expect, it } from 'vitest';
import { isCommonPassword, ZNewPassword } from './password-policy';

describe('ZNewPassword', () => {
  it('accepts 12 to 128 characters, counted as characters (Chinese included)', () => {
    for (const ok of [
      'Qaaaaaaaaaab',
      '法院证据核验口令一二三四',
      `${'x'.repeat(127)}y`,
      'correct horse battery staple',
    ]) {
      expect(ZNewPassword.safeParse(ok).success, ok).toBe(true);
    }
  });

  it('refuses shorter and longer ones, and what is not a string', () => {
    for (const bad of ['short', 'elevenchars', 'x'.repeat(129), undefined, 12345678901234]) {
      expect(ZNewPassword.safeParse(bad).success).toBe(false);
    }
  });

  it('refuses the most common passwords, in any case, with a message that says so', () => {
    for (const bad of [
      '123456789012',
      'password1234',
      'PASSWORD1234',
      'qwertyuiop12',
      '1qaz2wsx3edc',
      'qwerty123456',
    ]) {
      const result = ZNewPassword.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('this password is one of the most common ones; choose another');
    }
  });

  it('refuses one short piece repeated', () => {
    for (const bad of [
      'aaaaaaaaaaaa',
      '111111111111',
      'abcabcabcabc',
      'passwordpassword',
      '证据证据证据证据证据证据',
    ]) {
      expect(isCommonPassword(bad), bad).toBe(true);
      expect(ZNewPassword.safeParse(bad).success, bad).toBe(false);
    }
    expect(isCommonPassword('abcabcabcabd')).toBe(false);
  });
});
