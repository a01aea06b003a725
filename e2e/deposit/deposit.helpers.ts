/**
 * Shared steps for the /deposit specs: fresh random files (so every run deposits digests the
 * ledger has never seen), dropping them on the page as a person would, and checking a receipt
 * with lib/tlog against the log key, independently of the page.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type APIRequestContext, type Download, expect, type Locator, type Page } from '@playwright/test';
import { base64ToBytes, hashLeaf, verifyCheckpoint, verifyInclusion, verifyTlogProof } from '@/lib/tlog';
import { type SealedReceipt, ZSealedReceipt } from '../../lib/ledger/receipt.schema';

export interface LocalFile {
  name: string;
  bytes: Buffer;
  sha256: string;
  sm3: string;
}

/** A receipt as the API defines it (lib/ledger/receipt.schema.ts): what the page lets a depositor download. */
export type Receipt = SealedReceipt;

/** A file of random bytes, with its digests computed here with node:crypto. */
export function randomFile(size: number, name = `evidence-${randomUUID().slice(0, 8)}.bin`): LocalFile {
  const bytes = randomBytes(size);
  return {
    name,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  };
}

/** Drops `files` on the page's drop zone, the way a drag from the desktop delivers them. */
export async function dropFiles(page: Page, files: readonly LocalFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
      return transfer;
    },
    files.map((f) => ({ name: f.name, bytes: [...f.bytes] })),
  );
  const zone = page.getByTestId('deposit-drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

export function depositRow(page: Page, file: LocalFile): Locator {
  return page.locator(`[data-testid="deposit-row"][data-file-name="${file.name}"]`);
}

/** Starts a download with `click` and returns it with its parsed JSON. */
export async function downloadJson<T>(
  page: Page,
  click: () => Promise<void>,
): Promise<{ download: Download; json: T }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { download, json: JSON.parse(await readFile(path, 'utf8')) as T };
}

export async function logKey(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/v1/log/key');
  expect(response.ok()).toBe(true);
  return (await response.text()).trim();
}

/** The receipt is one as the API defines it, its checkpoint is signed by the log key, and its proofs put the leaf in that tree. */
export function expectReceiptVerifies(receipt: Receipt, key: string): void {
  expect(receipt.status).toBe('sealed');
  ZSealedReceipt.parse(receipt); // exactly the members the API defines, nothing more or less
  const leaf = base64ToBytes(receipt.leaf);
  const { checkpoint } = verifyCheckpoint(receipt.checkpoint, [key]);
  expect(checkpoint.size).toBe(BigInt(receipt.treeSize));
  verifyInclusion(
    receipt.leafIndex,
    checkpoint.size,
    hashLeaf(leaf),
    receipt.inclusionProof.map(base64ToBytes),
    checkpoint.rootHash,
  );
  verifyTlogProof(receipt.tlogProof, leaf, [key]);
}
