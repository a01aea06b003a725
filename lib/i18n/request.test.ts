import { beforeEach, describe, expect, it, vi } from 'vitest';

let cookie: string | undefined;
let path: string | null;
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => (cookie === undefined ? undefined : { value: cookie }) }),
  headers: async () => new Headers(path === null ? {} : { 'x-verity-path': path }),
}));

// Outside React's server bundle next-intl refuses getRequestConfig; the function it wraps is what is tested.
vi.mock('next-intl/server', () => ({ getRequestConfig: (fn: unknown) => fn }));

const { default: requestConfig } = await import('./request');

async function localeFor(c: string | undefined, p: string | null): Promise<string | undefined> {
  cookie = c;
  path = p;
  const config = await (requestConfig as unknown as (params: unknown) => Promise<{ locale?: string }>)({
    requestLocale: Promise.resolve(undefined),
  });
  return config.locale;
}

describe('the page language', () => {
  beforeEach(() => {
    cookie = undefined;
    path = null;
  });

  it("follows the reader's choice first", async () => {
    expect(await localeFor('en', '/reset-password/x?lang=zh-CN')).toBe('en');
    expect(await localeFor('zh-CN', '/reset-password/x?lang=en')).toBe('zh-CN');
  });

  it('then the language a link names (a reset link carries its recipient’s), then Chinese', async () => {
    expect(await localeFor(undefined, '/reset-password/x?lang=en')).toBe('en');
    expect(await localeFor(undefined, '/reset-password/x?lang=fr')).toBe('zh-CN');
    expect(await localeFor(undefined, '/home')).toBe('zh-CN');
    expect(await localeFor(undefined, null)).toBe('zh-CN');
  });
});
