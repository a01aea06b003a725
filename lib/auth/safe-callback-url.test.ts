import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './safe-callback-url';

describe('safeCallbackUrl', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeCallbackUrl('/admin/users?page=2')).toBe('/admin/users?page=2');
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a backslash trick', '/\\evil.example'],
    ['a control character', '/home\n//evil'],
    ['the sign-in page itself', '/sign-in?callbackUrl=/x'],
    ['an API route', '/api/auth/signout'],
    ['not a string', ['/home']],
    ['empty', ''],
  ])('falls back to /home for %s', (_, value) => {
    expect(safeCallbackUrl(value)).toBe('/home');
  });
});
