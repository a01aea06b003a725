import { describe, expect, it } from 'vitest';
import { ZNewPassword } from './password-policy';

describe('ZNewPassword', () => {
  it('accepts 12 to 256 characters, counted as characters (Chinese included)', () => {
    for (const ok of ['a'.repeat(12).replace(/^a/, 'Q'), '法院证据核验口令一二三四', 'x'.repeat(256)]) {
      expect(ZNewPassword.safeParse(ok).success).toBe(true);
    }
  });

  it('refuses shorter and longer ones, and what is not a string', () => {
    for (const bad of ['short', 'elevenchars', 'x'.repeat(257), undefined, 12345678901234]) {
      expect(ZNewPassword.safeParse(bad).success).toBe(false);
    }
  });
});
