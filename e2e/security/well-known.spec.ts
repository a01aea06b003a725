/**
 * The files under public/ as a browser, a crawler and a security researcher fetch them: the
 * icons (and pages linking them), robots.txt, and /.well-known/security.txt (RFC 9116) naming
 * the reporting address SECURITY.md names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures';

test('the icons are served, and every page links them', async ({ request, page, signInAs }) => {
  const ico = await request.get('/favicon.ico');
  expect(ico.status()).toBe(200);
  expect(ico.headers()['content-type']).toBe('image/x-icon');
  const bytes = await ico.body();
  // ICONDIR: reserved 0, type 1 (icon), then the images: 16, 32 and 48 px, each a PNG.
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 3]);
  const sizes = [0, 1, 2].map((i) => bytes.readUInt8(6 + 16 * i));
  expect(sizes).toEqual([16, 32, 48]);
  for (let i = 0; i < 3; i++) {
    const offset = bytes.readUInt32LE(6 + 16 * i + 12);
    expect(bytes.subarray(offset, offset + 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
  }

  const svg = await request.get('/favicon.svg');
  expect(svg.status()).toBe(200);
  expect(svg.headers()['content-type']).toBe('image/svg+xml');
  expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 32 32">/);

  const expectIconLinks = async () => {
    const icons = page.locator('head link[rel="icon"]');
    await expect(icons.and(page.locator('[href="/favicon.ico"]'))).toHaveCount(1);
    await expect(icons.and(page.locator('[href="/favicon.svg"][type="image/svg+xml"]'))).toHaveCount(1);
  };
  await page.goto('/sign-in');
  await expectIconLinks();
  await signInAs('judge');
  await page.goto('/home');
  await expectIconLinks();
});

test('robots.txt keeps crawlers out of the API, the cases and everything behind sign-in', async ({ request }) => {
  const response = await request.get('/robots.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/plain/);
  const lines = (await response.text()).split('\n').map((l) => l.trim());
  expect(lines).toContain('User-agent: *');
  const disallowed = lines.filter((l) => l.startsWith('Disallow:')).map((l) => l.slice('Disallow:'.length).trim());
  for (const area of ['/api/', '/cases/', '/home', '/admin/', '/deposit', '/certificates/']) {
    expect(disallowed, area).toContain(area);
  }
  // The public check page stays findable.
  expect(disallowed.some((prefix) => '/verify'.startsWith(prefix))).toBe(false);
});

test('security.txt follows RFC 9116 and names the address SECURITY.md names', async ({ request }) => {
  const response = await request.get('/.well-known/security.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']?.toLowerCase()).toBe('text/plain; charset=utf-8');
  const fields = new Map<string, string[]>();
  for (const line of (await response.text()).split('\n')) {
    const [, name = '', value = ''] = /^([A-Za-z-]+): (.+)$/.exec(line.trim()) ?? [];
    if (name) fields.set(name.toLowerCase(), [...(fields.get(name.toLowerCase()) ?? []), value]);
  }

  const security = readFileSync(path.resolve('SECURITY.md'), 'utf8');
  const address = /Report a vulnerability privately to \*\*([^*\s]+@[^*\s]+)\*\*/.exec(security)?.[1];
  expect(address, 'SECURITY.md names a reporting address').toBeTruthy();
  expect(fields.get('contact')).toEqual([`mailto:${address}`]);

  // RFC 9116 §2.5.5: exactly one Expires, in the future; less than a year ahead is recommended.
  const expires = fields.get('expires') ?? [];
  expect(expires).toHaveLength(1);
  const at = Date.parse(expires[0] ?? '');
  expect(expires[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  expect(at, 'security.txt has expired: renew Expires in public/.well-known/security.txt').toBeGreaterThan(Date.now());
  expect(at - Date.now(), 'Expires is more than a year ahead').toBeLessThanOrEqual(366 * 24 * 3600 * 1000);

  expect(fields.get('preferred-languages')).toEqual(['zh, en']);
  const canonical = fields.get('canonical') ?? [];
  expect(canonical).toHaveLength(1);
  expect(new URL(canonical[0] ?? '').pathname).toBe('/.well-known/security.txt');
  expect(new URL(canonical[0] ?? '').protocol).toBe('https:');
});
