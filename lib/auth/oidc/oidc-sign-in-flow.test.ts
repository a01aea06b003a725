/**
 * The whole sign-in through a real OpenID Provider (test/oidc), without a browser: next-auth's
 * request handler (its API-route form: the route handler's form needs a Next.js request scope)
 * with the options app/api/auth/[...nextauth] builds,
 * the provider's login and consent forms posted as a browser would, cookies kept on both sides.
 * Proves the flow end to end (PKCE, state and nonce included) and each refusal; the browser's
 * version is e2e/oidc/sign-in.spec.ts.
 */
import NextAuth from 'next-auth';
import { decode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, tag } from '@/test/builders';
import { type OidcTestProvider, startOidcTestProvider } from '@/test/oidc/oidc-test-provider';
import { authOptionsWithOidc } from './auth-options-for-request';
import type { OidcClientConfig } from './get-oidc-config';

// The portal is never listened on: next-auth's handler is called directly with what the browser would send.
const PORTAL = 'http://127.0.0.1:3999';
const CALLBACK = `${PORTAL}/api/auth/callback/oidc`;
const SECRET = 'flow-test-session-secret-0123456789abcdefghijklmnop';

type Jar = Map<string, string>;

function cookieHeader(jar: Jar): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The provider's side, as a browser: follows redirects, submits the login and consent forms. */
async function throughProvider(start: string, login: string, jar: Jar): Promise<URL> {
  let url = start;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(CALLBACK)) return new URL(url);
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      body: form,
      redirect: 'manual',
      headers: { cookie: cookieHeader(jar) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    form = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt)
      throw new Error(`unexpected page from the provider (${response.status}): ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider never redirected back to the portal');
}

interface PortalResult {
  redirect: string | undefined;
  jar: Jar;
}

describe('sign-in through the court identity system (next-auth + a real OpenID Provider)', () => {
  let provider: OidcTestProvider;
  let config: OidcClientConfig;

  beforeAll(async () => {
    process.env.NEXTAUTH_URL = PORTAL;
    provider = await startOidcTestProvider({ redirectUris: [CALLBACK] });
    config = {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      emailClaim: 'email',
      displayNameZh: '测试身份认证',
      displayNameEn: 'Test identity',
    };
  });
  afterAll(() => provider?.stop());

  /** One request to /api/auth/<action>/oidc, as the browser holding `jar` would send it; updates the jar. */
  async function portal(
    action: 'csrf' | 'signin' | 'callback',
    jar: Jar,
    request: { method: 'GET' | 'POST'; query?: Record<string, string>; body?: Record<string, string> },
    c = config,
  ): Promise<{ redirect: string | undefined; body: unknown }> {
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
      query: { ...request.query, nextauth: action === 'csrf' ? [action] : [action, 'oidc'] },
      body: request.body,
      cookies: Object.fromEntries(jar),
      headers: { host: new URL(PORTAL).host },
    };
    await NextAuth(req as never, res as never, { ...authOptionsWithOidc(c), secret: SECRET });
    for (const line of [headers.get('set-cookie') ?? []].flat()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1))];
      if (value === '' || /max-age=0(;|$)/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    const location = headers.get('location');
    const url = (body as { url?: string } | undefined)?.url;
    return { redirect: typeof location === 'string' ? location : url, body };
  }

  /** Starts a sign-in at the portal: the provider's authorization URL, and the portal's cookies (state, PKCE, nonce). */
  async function start(c = config): Promise<{ authorizationUrl: string; jar: Jar }> {
    const jar: Jar = new Map();
    const csrf = await portal('csrf', jar, { method: 'GET' }, c);
    const { csrfToken } = csrf.body as { csrfToken: string };
    const signin = await portal(
      'signin',
      jar,
      { method: 'POST', body: { csrfToken, callbackUrl: '/home', json: 'true' } },
      c,
    );
    if (!signin.redirect) throw new Error('no redirect to the provider');
    return { authorizationUrl: signin.redirect, jar };
  }

  async function signIn(login: string, c = config): Promise<PortalResult & { callback: URL }> {
    const { authorizationUrl, jar } = await start(c);
    const callback = await throughProvider(authorizationUrl, login, new Map());
    const response = await portal(
      'callback',
      jar,
      { method: 'GET', query: Object.fromEntries(callback.searchParams) },
      c,
    );
    return { redirect: response.redirect, jar, callback };
  }

  async function sessionOf(jar: Jar) {
    const token = jar.get('next-auth.session-token');
    return token ? decode({ token, secret: SECRET }) : null;
  }

  it('asks the provider for the code flow with PKCE (S256), state and nonce', async () => {
    const { authorizationUrl, jar } = await start();
    const url = new URL(authorizationUrl);
    expect(url.origin + url.pathname).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: provider.clientId,
      response_type: 'code',
      redirect_uri: CALLBACK,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    expect([...jar.keys()]).toEqual(
      expect.arrayContaining(['next-auth.state', 'next-auth.pkce.code_verifier', 'next-auth.nonce']),
    );
  });

  it('signs a judge in: the session is for the Verity account whose address the provider gave, in any case', async () => {
    const judge = await buildUser({ role: 'judge', email: `judge-${tag()}@court.example` });
    const login = `judge-${tag()}`;
    provider.setAccount({
      login,
      claims: { email: judge.user.email.toUpperCase(), email_verified: true, name: 'Wang' },
    });
    const { redirect, jar } = await signIn(login);
    expect(redirect).toBe(`${PORTAL}/home`);
    expect(await sessionOf(jar)).toMatchObject({ sub: judge.user.id, role: 'judge', email: judge.user.email });
  });

  it('maps another claim when configured so', async () => {
    const clerk = await buildUser({ role: 'clerk' });
    const login = `clerk-${tag()}`;
    provider.setAccount({ login, claims: { email: `private-${tag()}@example.com`, upn: clerk.user.email } });
    const { redirect, jar } = await signIn(login, { ...config, emailClaim: 'upn' });
    expect(redirect).toBe(`${PORTAL}/home`);
    expect(await sessionOf(jar)).toMatchObject({ sub: clerk.user.id, role: 'clerk' });
  });

  it('refuses, with the reason and without a session: no account, disabled, not staff, unverified address', async () => {
    const disabled = await buildUser({ role: 'judge', disabled: true });
    const litigant = await buildUser({ role: 'litigant' });
    const judge = await buildUser({ role: 'judge' });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: `nobody-${tag()}@court.example` }, 'OIDC_NO_ACCOUNT'],
      [{ email: disabled.user.email }, 'OIDC_DISABLED'],
      [{ email: litigant.user.email }, 'OIDC_NOT_STAFF'],
      [{ email: judge.user.email, email_verified: false }, 'OIDC_EMAIL_UNVERIFIED'],
      [{ name: 'no address' }, 'OIDC_NO_EMAIL'],
    ];
    for (const [claims, code] of cases) {
      const login = `person-${tag()}`;
      provider.setAccount({ login, claims });
      const { redirect, jar } = await signIn(login);
      expect(redirect, code).toBe(`/sign-in?error=${code}`);
      expect(await sessionOf(jar), code).toBeNull();
    }
  });

  it('refuses a callback whose state was changed, or that arrives without the browser that started it', async () => {
    const judge = await buildUser({ role: 'judge' });
    const login = `judge-${tag()}`;
    provider.setAccount({ login, claims: { email: judge.user.email } });

    const forged = await start();
    const callback = await throughProvider(forged.authorizationUrl, login, new Map());
    callback.searchParams.set('state', 'forged-state');
    const response = await portal('callback', forged.jar, {
      method: 'GET',
      query: Object.fromEntries(callback.searchParams),
    });
    expect(response.redirect).toContain('error=OAuthCallback');
    expect(await sessionOf(forged.jar)).toBeNull();

    // A code obtained by someone else's sign-in, replayed from a browser that never started one (no state, PKCE, nonce cookies).
    const stolen = await start();
    const stolenCallback = await throughProvider(stolen.authorizationUrl, login, new Map());
    const elsewhere: Jar = new Map();
    const replay = await portal('callback', elsewhere, {
      method: 'GET',
      query: Object.fromEntries(stolenCallback.searchParams),
    });
    expect(replay.redirect).toContain('error=OAuthCallback');
    expect(await sessionOf(elsewhere)).toBeNull();
  });

  it('refuses a provider that is not the configured issuer', async () => {
    const judge = await buildUser({ role: 'judge' });
    const login = `judge-${tag()}`;
    provider.setAccount({ login, claims: { email: judge.user.email } });
    // Discovery at the provider's address, but the configuration names another issuer than its tokens do.
    const { redirect, jar } = await signIn(login, { ...config, issuer: `${provider.issuer}/` });
    expect(redirect).toBe('/sign-in?error=OIDC_FAILED');
    expect(await sessionOf(jar)).toBeNull();
  });
});
