/**
 * The session cookie a password sign-in sets, read from next-auth's own Set-Cookie headers
 * (OWASP ASVS 4.0.3 3.4.1–3.4.3, 3.4.5, 3.2.1; SECURITY.md "OWASP ASVS 4.0.3, level 2"). next-auth's
 * request handler is called in its API-route form with `authOptions`, as
 * lib/auth/oidc/oidc-sign-in-flow.test.ts does: the route handler's form needs a Next.js request scope.
 */
import { randomUUID } from 'node:crypto';
import NextAuth from 'next-auth';
import { decode } from 'next-auth/jwt';
import { afterAll, describe, expect, it } from 'vitest';
import { buildUser } from '@/test/builders';
import { authOptions } from './auth-options';

const SECRET = `cookie-test-session-secret-${randomUUID()}`;
const savedUrl = process.env.NEXTAUTH_URL;
afterAll(() => {
  process.env.NEXTAUTH_URL = savedUrl;
});

/** A client address of its own, so these sign-ins count against no other test's limits. */
const address = () => `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}::7`;

interface Answer {
  setCookies: string[];
  body: unknown;
}

/** One request to /api/auth/<path…> of a portal at `base`, with the cookies in `jar`. */
async function call(
  base: string,
  path: string[],
  jar: Map<string, string>,
  request: { method: 'GET' | 'POST'; body?: Record<string, string> },
  clientAddress: string,
): Promise<Answer> {
  process.env.NEXTAUTH_URL = base;
  const headers = new Map<string, string | string[]>();
  let body: unknown;
  const res = {
    status: () => res,
    setHeader: (name: string, value: string | string[]) => headers.set(name.toLowerCase(), value),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    end: () => {},
    json: (value: unknown) => {
      body = value;
    },
    send: (value: unknown) => {
      body = value;
    },
  };
  const req = {
    method: request.method,
    query: { nextauth: path },
    body: request.body,
    cookies: Object.fromEntries(jar),
    headers: { host: new URL(base).host, 'x-forwarded-for': clientAddress },
  };
  await NextAuth(req as never, res as never, { ...authOptions, secret: SECRET });
  const setCookies = [headers.get('set-cookie') ?? []].flat();
  for (const line of setCookies) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
  }
  return { setCookies, body };
}

/** Signs in with a password at `base`: every Set-Cookie of the callback, and the jar after it. */
async function signIn(base: string, email: string, password: string) {
  const jar = new Map<string, string>();
  const clientAddress = address();
  const csrf = await call(base, ['csrf'], jar, { method: 'GET' }, clientAddress);
  const { csrfToken } = csrf.body as { csrfToken: string };
  const callback = await call(
    base,
    ['callback', 'credentials'],
    jar,
    { method: 'POST', body: { csrfToken, email, password, callbackUrl: '/home', json: 'true' } },
    clientAddress,
  );
  return { setCookies: callback.setCookies, jar };
}

function attributes(line: string): string[] {
  return line
    .split(';')
    .slice(1)
    .map((part) => part.trim().toLowerCase());
}

describe('the session cookie of a password sign-in', () => {
  it('over https: Secure, HttpOnly, SameSite=Lax, Path=/', async () => {
    const { user, password } = await buildUser({ role: 'clerk' });
    const { setCookies } = await signIn('https://portal.test', user.email, password);
    const session = setCookies.find((line) => line.startsWith('__Secure-next-auth.session-token='));
    expect(session, setCookies.join('\n')).toBeDefined();
    expect(attributes(session ?? '')).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
  });

  it('over plain http (a developer’s machine): HttpOnly and SameSite=Lax, not Secure', async () => {
    const { user, password } = await buildUser({ role: 'clerk' });
    const { setCookies } = await signIn('http://127.0.0.1:3999', user.email, password);
    const session = setCookies.find((line) => line.startsWith('next-auth.session-token='));
    expect(session, setCookies.join('\n')).toBeDefined();
    expect(attributes(session ?? '')).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(attributes(session ?? '')).not.toContain('secure');
  });

  it('is a new session each sign-in, and none for a wrong password', async () => {
    const { user, password } = await buildUser({ role: 'judge' });
    const sessionIds = [];
    for (let i = 0; i < 2; i++) {
      const { jar } = await signIn('https://portal.test', user.email, password);
      const token = jar.get('__Secure-next-auth.session-token');
      expect(token).toBeDefined();
      const decoded = await decode({ token, secret: SECRET });
      expect(decoded?.sub).toBe(user.id);
      sessionIds.push(decoded?.sid);
    }
    expect(sessionIds[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sessionIds[1]).not.toBe(sessionIds[0]);

    const wrong = await signIn('https://portal.test', user.email, `${password}-wrong`);
    expect(wrong.setCookies.filter((line) => line.includes('session-token='))).toEqual([]);
  });
});
