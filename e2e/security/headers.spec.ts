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
