/**
 * The browser entry of the built package (dist/index.js, built here into a temporary folder) in a
 * real browser — Debian's Chromium through Playwright, as the e2e tests run it: imported as an ES
 * module by a page, it verifies a real receipt offline (and refuses a tampered one) and hashes a
 * Blob with SHA-256 and SM3 as node:crypto does. "Node ≥ 20 and modern browsers" (#20): Node is
 * pack.test.ts.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch } from '@/playwright.config';
import { buildClient, ENTRY_SOURCES } from './build';
import { receiptFixture } from './receipt-fixture.testing';

let outdir: string;
let server: http.Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  outdir = await mkdtemp(path.join(tmpdir(), 'verity-client-browser-'));
  await buildClient({ outdir, entries: { index: ENTRY_SOURCES.index }, types: false });
  server = http.createServer(async (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    if (name === '') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>sdk</title>');
      return;
    }
    try {
      const body = await readFile(path.join(outdir, path.normalize(name).replace(/^(\.\.[/\\])+/, '')));
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ ...chromiumLaunch, headless: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe('@verity/client in a browser', () => {
  it('verifies a receipt offline, refuses a tampered one, and hashes a Blob with both digests', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    // A string, so that the test runner does not rewrite the page's own import().
    const fixture = JSON.stringify(receiptFixture());
    const result = await page.evaluate(`(async () => {
      const { receipt, tampered, logKey } = ${fixture};
      const sdk = await import('/index.js');
      const digests = await sdk.hashBlob(new Blob(['evidence bytes']), { algorithms: ['sha256', 'sm3'] });
      return {
        genuine: (await sdk.verifyReceipt(receipt, { logKey })).ok,
        tampered: (await sdk.verifyReceipt(tampered, { logKey })).checks.filter((c) => !c.ok).length,
        digests,
        client: typeof sdk.VerityClient,
      };
    })()`);
    expect(errors).toEqual([]);
    expect(result).toEqual({
      genuine: true,
      tampered: expect.any(Number),
      digests: {
        sha256: createHash('sha256').update('evidence bytes').digest('hex'),
        sm3: createHash('sm3').update('evidence bytes').digest('hex'),
      },
      client: 'function',
    });
    expect((result as { tampered: number }).tampered).toBeGreaterThan(0);
  }, 60_000);
});
