import { randomBytes, randomUUID } from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { SECURITY_HEADERS } from '../../lib/front/security-headers';
import { DEMO_API_KEY } from '../../prisma/seed/demo-data';
import { expect, test } from '../fixtures';

test('pages carry a nonce-based CSP and the baseline security headers', async ({ request }) => {
  const first = await request.get('/sign-in');
  const second = await request.get('/sign-in');
  const headers = first.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");
  // A fresh nonce on every response.
  expect(second.headers()['content-security-policy']).not.toBe(csp);
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-powered-by']).toBeUndefined();
});

test('every script on the page carries the nonce and nothing violates the policy', async ({ page, signInAs }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await signInAs('judge');
  const response = await page.goto('/home');
  const nonce = /'nonce-([^']+)'/.exec(response?.headers()['content-security-policy'] ?? '')?.[1];
  expect(nonce).toBeTruthy();
  const scriptNonces = await page
    .locator('script')
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const n of scriptNonces) expect(n).toBe(nonce);
  await page.getByRole('button', { name: 'English' }).click(); // a server action round trip under the policy
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('My cases');
  expect(violations).toEqual([]);
});

test('the sign-in endpoint rejects a post without the CSRF token', async ({ request }) => {
  const response = await request.post('/api/auth/callback/credentials', {
    form: { email: 'judge@demo.verity', password: 'verity-demo-2026', json: 'true' },
    maxRedirects: 0,
  });
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  expect(body.url ?? '').toContain('csrf=true');
  const home = await request.get('/home', { maxRedirects: 0 });
  expect(home.status()).toBe(307);
});

/** The baseline security headers of an answer (lib/front/security-headers.ts lists them). */
function baseline(response: APIResponse): Record<string, string | undefined> {
  const headers = response.headers();
  return Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name, headers[name]]));
}

interface Probe {
  what: string;
  status: number;
  /** The Cache-Control expected, when the answer's caching matters. */
  cacheControl?: string | RegExp;
  send: (request: APIRequestContext) => Promise<APIResponse>;
}

const key = { authorization: `Bearer ${DEMO_API_KEY}` };
const digest = () => ({ digests: { sha256: randomBytes(32).toString('hex') } });
// Raw bytes: Playwright would encode a string as JSON once more.
const json = (body: string) => ({ headers: { ...key, 'content-type': 'application/json' }, data: Buffer.from(body) });

// Every route the front server answers itself (lib/ledger/http), each error it answers, and what
// it passes on from Next.js: API answers, a redirect, 404s, a 500, static and public files.
// A 503 (the deposit queue stalled for over 10 s) cannot be brought about here without stalling
// every other test's deposits; lib/front/front-server.test.ts checks the 502 the front server
// answers when Next.js is down, through the same code that adds the headers.
const PROBES: Probe[] = [
  {
    what: 'POST /api/v1/deposits',
    status: 201,
    cacheControl: 'no-store',
    send: (r) => r.post('/api/v1/deposits', { headers: key, data: digest() }),
  },
  {
    what: 'POST /api/v1/deposits, a batch, minimal',
    status: 201,
    cacheControl: 'no-store',
    send: (r) =>
      r.post('/api/v1/deposits', {
        headers: { ...key, prefer: 'return=minimal' },
        data: { deposits: [digest(), digest()] },
      }),
  },
  {
    what: 'POST /api/v1/deposits?wait=false',
    status: 202,
    cacheControl: 'no-store',
    send: (r) => r.post('/api/v1/deposits?wait=false', { headers: key, data: digest() }),
  },
  {
    what: 'GET /api/v1/deposits?sha256=',
    status: 200,
    cacheControl: 'no-store',
    send: (r) => r.get(`/api/v1/deposits?sha256=${'ab'.repeat(32)}`),
  },
  {
    what: 'GET /api/v1/deposits/{id}',
    status: 200,
    cacheControl: 'no-store',
    send: async (r) => {
      const created = await r.post('/api/v1/deposits', { headers: key, data: digest() });
      return r.get(`/api/v1/deposits/${((await created.json()) as { id: string }).id}`);
    },
  },
  {
    what: 'GET /api/v1/log/checkpoint',
    status: 200,
    cacheControl: 'public, max-age=1',
    send: (r) => r.get('/api/v1/log/checkpoint'),
  },
  {
    what: '404 GET /api/v1/log/tile/… a tile the log does not have yet',
    status: 404,
    cacheControl: 'no-store',
    send: (r) => r.get('/api/v1/log/tile/0/x999/x999/999'),
  },
  {
    what: '400 GET /api/v1/log/tile/… a malformed tile path',
    status: 400,
    cacheControl: 'no-store',
    send: (r) => r.get('/api/v1/log/tile/00/000'),
  },
  {
    what: '400 malformed JSON',
    status: 400,
    cacheControl: 'no-store',
    send: (r) => r.post('/api/v1/deposits', json('{"digests": {')),
  },
  {
    what: '401 no API key',
    status: 401,
    cacheControl: 'no-store',
    send: (r) => r.post('/api/v1/deposits', { data: digest() }),
  },
  {
    what: '404 unknown deposit',
    status: 404,
    cacheControl: 'no-store',
    send: (r) => r.get(`/api/v1/deposits/${randomUUID()}`),
  },
  {
    what: '405 DELETE /api/v1/deposits (Next.js)',
    status: 405,
    cacheControl: 'no-store',
    send: (r) => r.delete('/api/v1/deposits'),
  },
  {
    what: '405 PUT /api/v1/log/checkpoint (Next.js)',
    status: 405,
    cacheControl: 'no-store',
    send: (r) => r.put('/api/v1/log/checkpoint', { data: 'x' }),
  },
  {
    what: '413 a 10 MB body',
    status: 413,
    cacheControl: 'no-store',
    send: (r) => r.post('/api/v1/deposits', json(`"${'x'.repeat(10 * 1024 * 1024)}"`)),
  },
  {
    what: '415 not JSON',
    status: 415,
    cacheControl: 'no-store',
    send: (r) => r.post('/api/v1/deposits', { headers: { ...key, 'content-type': 'text/plain' }, data: 'digests' }),
  },
  {
    what: '422 a malformed digest',
    status: 422,
    cacheControl: 'no-store',
    send: (r) => r.get('/api/v1/deposits?sha256=zz'),
  },
  {
    what: '422 a malformed deposit ID',
    status: 422,
    cacheControl: 'no-store',
    send: (r) => r.get('/api/v1/deposits/not-a-uuid'),
  },
  // Next.js's API answers, passed on.
  { what: 'GET /api/v1/log/key', status: 200, send: (r) => r.get('/api/v1/log/key') },
  {
    what: '422 GET /api/v1/log/consistency',
    status: 422,
    cacheControl: 'no-store',
    send: (r) => r.get('/api/v1/log/consistency?from=0&to=0'),
  },
  { what: 'GET /api/v1/openapi.json', status: 200, send: (r) => r.get('/api/v1/openapi.json') },
  { what: 'GET /api/health', status: 200, cacheControl: 'no-store', send: (r) => r.get('/api/health') },
  // Next.js's own answers.
  { what: 'a page', status: 200, send: (r) => r.get('/verify') },
  { what: 'the trailing-slash 308', status: 308, send: (r) => r.get('/verify/', { maxRedirects: 0 }) },
  { what: 'the redirect to sign-in', status: 307, send: (r) => r.get('/home', { maxRedirects: 0 }) },
  { what: 'a page 404', status: 404, send: (r) => r.get('/no-such-page') },
  // Next.js states its own for these: never stored.
  { what: 'an API 404', status: 404, cacheControl: /no-store/, send: (r) => r.get('/api/v1/no-such-endpoint') },
  // Next.js cannot decode the path and answers 500 (text/plain) before any of its config applies.
  { what: 'a Next.js 500', status: 500, send: (r) => r.get('/cases/%E0%A4%A') },
  { what: 'an API 500', status: 500, cacheControl: /no-store/, send: (r) => r.get('/api/v1/deposits/%E0%A4%A') },
  // public/ and Next.js's static files.
  { what: '/favicon.ico', status: 200, send: (r) => r.get('/favicon.ico') },
  { what: '/favicon.svg', status: 200, send: (r) => r.get('/favicon.svg') },
  { what: '/robots.txt', status: 200, send: (r) => r.get('/robots.txt') },
  { what: '/.well-known/security.txt', status: 200, send: (r) => r.get('/.well-known/security.txt') },
  {
    what: 'a script under /_next/static',
    status: 200,
    cacheControl: 'public, max-age=31536000, immutable',
    send: async (r) => {
      const html = await (await r.get('/sign-in')).text();
      const src = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
      if (!src) throw new Error('no script under /_next/static on /sign-in');
      return r.get(src);
    },
  },
];

test('every answer, the front server’s and Next.js’s, errors and redirects included, carries the baseline headers of a page', async ({
  request,
}) => {
  test.slow(); // thirty requests, one of them 10 MB
  const page = await request.get('/sign-in');
  expect(baseline(page)).toEqual(SECURITY_HEADERS);
  for (const probe of PROBES) {
    const response = await probe.send(request);
    expect(response.status(), probe.what).toBe(probe.status);
    expect(baseline(response), probe.what).toEqual(baseline(page));
    const cacheControl = response.headers()['cache-control'] ?? '';
    if (typeof probe.cacheControl === 'string') expect(cacheControl, probe.what).toBe(probe.cacheControl);
    if (probe.cacheControl instanceof RegExp) expect(cacheControl, probe.what).toMatch(probe.cacheControl);
  }
});
