/**
 * The page remembers the last checkpoint it saw (localStorage) and, on the next visit, checks
 * that the ledger only grew since. What these tests can and cannot show: the e2e server's log key
 * is generated per run and never leaves the server, so no test can make the log itself sign an
 * inconsistent checkpoint. The fork case is shown as the browser meets it: a remembered checkpoint
 * the log really signed, and a consistency proof that does not lead from it to today's tree (the
 * proof is altered in transit, as a log that rewrote history would have to serve).
 */
import { formatCheckpoint, generateNoteKeys, signNote } from '@/lib/tlog';
import { expect, test } from '../fixtures';
import { checkpointBeyond, depositRandomDigest, openVerifyPage } from './verify.helpers';

const STORAGE_KEY = 'verity.verify.checkpoint';

async function remembered(page: import('@playwright/test').Page): Promise<{ note: string; seenAt: string } | null> {
  const text = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  return text ? (JSON.parse(text) as { note: string; seenAt: string }) : null;
}

test('on a first visit the page remembers the ledger checkpoint it checked', async ({ page }) => {
  // Other tests deposit at the same time, so "the current checkpoint" moves: compare with what this page fetched.
  const served: Promise<string>[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/v1/log/checkpoint') served.push(response.text());
  });
  await openVerifyPage(page);
  await expect(page.getByTestId('ledger-status')).toHaveAttribute('data-ledger', 'ok');
  const notes = await Promise.all(served);
  expect(notes.length).toBeGreaterThan(0);
  expect(notes).toContain((await remembered(page))?.note);
});

test('on the next visit the page proves the ledger only grew since the remembered checkpoint', async ({ page }) => {
  await openVerifyPage(page);
  const first = await remembered(page);
  await depositRandomDigest(page.request);
  await checkpointBeyond(page.request, first?.note);
  const consistency = page.waitForRequest((r) => r.url().includes('/api/v1/log/consistency'));
  await openVerifyPage(page);
  await consistency;
  await expect(page.getByTestId('ledger-status')).toHaveAttribute('data-ledger', 'ok');
  await expect(page.getByTestId('ledger-status')).toContainText('的延续');
  await expect(page.getByTestId('ledger-alarm')).toHaveCount(0);
  expect((await remembered(page))?.note).not.toBe(first?.note);
});

test('a remembered checkpoint signed by another key is discarded with a notice, not an alarm', async ({ page }) => {
  const key = (await (await page.request.get('/api/v1/log/key')).text()).trim();
  const origin = key.split('+')[0] as string;
  const stranger = generateNoteKeys(origin);
  const forged = signNote(
    formatCheckpoint({ origin, size: 1, rootHash: new Uint8Array(32).fill(7) }),
    stranger.signerKey,
  );
  await openVerifyPage(page);
  await page.evaluate(
    ([k, v]) => localStorage.setItem(k as string, v as string),
    [STORAGE_KEY, JSON.stringify({ note: forged, seenAt: '2026-01-01T00:00:00.000Z' })],
  );
  await openVerifyPage(page);
  await expect(page.getByTestId('ledger-discarded')).toBeVisible();
  await expect(page.getByTestId('ledger-alarm')).toHaveCount(0);
  expect((await remembered(page))?.note).not.toBe(forged);
});

test('a ledger that cannot prove it extends the remembered checkpoint raises the alarm', async ({ page }) => {
  await openVerifyPage(page);
  const before = await remembered(page);
  await depositRandomDigest(page.request);
  await checkpointBeyond(page.request, before?.note);
  await page.route('**/api/v1/log/consistency?**', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { from: number; to: number; proof: string[] };
    const first = Buffer.from(body.proof[0] ?? '', 'base64');
    first[0] = (first[0] ?? 0) ^ 0xff;
    body.proof[0] = first.toString('base64');
    await route.fulfill({ response, json: body });
  });
  await openVerifyPage(page);
  const alarm = page.getByRole('alert').filter({ hasText: '警告：存证链出现分叉，其历史已被改变' });
  await expect(alarm).toBeVisible();
  await expect(page.getByTestId('ledger-alarm')).toHaveAttribute('data-ledger', 'inconsistent');
  // The remembered checkpoint is kept: it is the evidence.
  expect(await remembered(page)).toEqual(before);
});

test('a ledger that denies a checkpoint size it signed raises the alarm', async ({ page }) => {
  await openVerifyPage(page);
  const before = await remembered(page);
  await depositRandomDigest(page.request);
  await checkpointBeyond(page.request, before?.note);
  await page.route('**/api/v1/log/consistency?**', (route) =>
    route.fulfill({ status: 404, json: { error: { code: 'NOT_FOUND', message: 'no such checkpoint' } } }),
  );
  await openVerifyPage(page);
  await expect(page.getByTestId('ledger-alarm')).toHaveAttribute('data-ledger', 'inconsistent');
});
