/**
 * Shared steps for the /verify specs: the demo deposited files and their digests (computed here
 * with node:crypto, independently of the page), waiting for the seed's deposits to be sealed,
 * and the result rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test';
import type { Receipt } from '../../lib/ledger/receipt.schema';
import { DEMO_API_KEY, DEMO_FILES } from '../../prisma/seed/demo-data';

export const FILES_DIR = path.resolve(import.meta.dirname, '../../prisma/seed/files');

export interface DemoFile {
  name: string;
  path: string;
  bytes: Buffer;
  sha256: string;
  sm3: string;
}

export function digestsOf(bytes: Uint8Array): { sha256: string; sm3: string } {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  };
}

export function demoFile(index = 0): DemoFile {
  const demo = DEMO_FILES[index];
  if (!demo) throw new Error(`no demo file ${index}`);
  const filePath = path.join(FILES_DIR, demo.file);
  const bytes = readFileSync(filePath);
  return { name: demo.file, path: filePath, bytes, ...digestsOf(bytes) };
}

/** The same bytes with one bit of one byte flipped. */
export function withOneByteChanged(bytes: Buffer, at = Math.floor(bytes.length / 2)): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

/** The seed queues the demo deposits; the server seals them within about a second of starting. */
export async function sealedDeposit(request: APIRequestContext, sha256: string): Promise<Receipt> {
  let found: Receipt | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/v1/deposits?sha256=${sha256}`);
        const { deposits } = (await response.json()) as { deposits: Receipt[] };
        found = deposits.find((d) => d.status === 'sealed');
        return found?.status;
      },
      { timeout: 15_000 },
    )
    .toBe('sealed');
  return found as Receipt;
}

/** Deposits a random digest with the published demo API key, so the log grows. */
export async function depositRandomDigest(request: APIRequestContext): Promise<{ id: string; sha256: string }> {
  const sha256 = randomBytes(32).toString('hex');
  const response = await request.post('/api/v1/deposits', {
    headers: { authorization: `Bearer ${DEMO_API_KEY}` },
    data: { digests: { sha256 } },
  });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return { id, sha256 };
}

/**
 * Waits until the ledger's served checkpoint is larger than `note`'s: a deposit is sealed within
 * about a second, but the served checkpoint is the newest one its witnesses have cosigned, a few
 * seconds later. A page opened before then has nothing new to prove.
 */
export async function checkpointBeyond(request: APIRequestContext, note: string | undefined): Promise<void> {
  const sizeOf = (text: string) => Number(text.split('\n')[1]);
  const before = note ? sizeOf(note) : 0;
  await expect
    .poll(async () => sizeOf(await (await request.get('/api/v1/log/checkpoint')).text()), { timeout: 20_000 })
    .toBeGreaterThan(before);
}

/** Opens /verify and waits for the page's own check of the ledger to finish. */
export async function openVerifyPage(page: Page): Promise<void> {
  await page.goto('/verify');
  await expect(page.locator('[data-ledger]').first()).not.toHaveAttribute('data-ledger', 'checking', {
    timeout: 15_000,
  });
}

export function resultRows(page: Page): Locator {
  return page.getByTestId('verify-result');
}

/** The row of a file by its name. */
export function fileRow(page: Page, name: string): Locator {
  return resultRows(page).filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** Chooses files through the page's file input. */
export async function chooseFiles(page: Page, files: Parameters<Locator['setInputFiles']>[0]): Promise<void> {
  await page.locator('#verify-files').setInputFiles(files);
}
