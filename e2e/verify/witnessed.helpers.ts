/**
 * Shared steps for the specs about who vouched (issue #18): a fresh random file deposited through
 * the API with the published demo key, its receipt polled until it is witnessed, the e2e server's
 * demo witnesses paused (SIGSTOP) and resumed (SIGCONT), and a changed witness list planted in the
 * browser's storage.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type BrowserContext, expect } from '@playwright/test';
import type { Receipt } from '../../lib/ledger/receipt.schema';
import { WITNESS_POLICY_STORAGE_KEY } from '../../lib/verification/witness-policy';
import { DEMO_API_KEY } from '../../prisma/seed/demo-data';
import { DEMO_INSTITUTIONS, demoWitnessPid } from '../../scripts/lib/demo-witnesses';
import { digestsOf } from './verify.helpers';

export const NAMES = {
  'zh-CN': DEMO_INSTITUTIONS.map((i) => i.name),
  en: DEMO_INSTITUTIONS.map((i) => i.nameEn),
} as const;

export interface DepositedFile {
  id: string;
  name: string;
  buffer: Buffer;
  mimeType: string;
}

/** Deposits a new random file's digests; the 201 says "not yet witnessed" whenever it is sealed. */
export async function depositNewFile(request: APIRequestContext, label: string): Promise<DepositedFile> {
  const buffer = randomBytes(4096);
  const response = await request.post('/api/v1/deposits', {
    headers: { authorization: `Bearer ${DEMO_API_KEY}` },
    data: { digests: digestsOf(buffer) },
  });
  expect(response.status()).toBe(201);
  const receipt = (await response.json()) as Receipt;
  if (receipt.status === 'sealed') expect(receipt.witnessed).toBeNull();
  return { id: receipt.id, name: `${label}-${receipt.id.slice(-8)}.bin`, buffer, mimeType: 'application/octet-stream' };
}

/** The deposit's receipt once `ready` holds (polled; GET upgrades a receipt once it is witnessed). */
export async function receiptWhen(
  request: APIRequestContext,
  id: string,
  ready: (receipt: Receipt) => boolean,
  timeout: number,
): Promise<Receipt> {
  let last: Receipt | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/v1/deposits/${id}`);
        last = response.ok() ? ((await response.json()) as Receipt) : undefined;
        return last ? ready(last) : false;
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return last as Receipt;
}

export const isWitnessed = (r: Receipt) => r.status === 'sealed' && !!r.witnessed;
export const isSealed = (r: Receipt) => r.status === 'sealed';

/** The e2e server's demo witnesses' folder (its data folder is in the E2E_STATE_FILE). */
function witnessesDir(): string {
  const file = process.env.E2E_STATE_FILE;
  if (!file) throw new Error('E2E_STATE_FILE is not set (playwright.config.ts sets it)');
  const state = JSON.parse(readFileSync(file, 'utf8')) as { VERITY_DATA_DIR?: string };
  if (!state.VERITY_DATA_DIR) throw new Error('the e2e state file names no data folder');
  return path.join(state.VERITY_DATA_DIR, 'witnesses');
}

/**
 * Pauses these demo witnesses (SIGSTOP: the process keeps its port and state, and answers
 * nothing); returns what resumes them (SIGCONT), to be called in `finally`.
 */
export async function pauseWitnesses(slugs: readonly string[]): Promise<() => void> {
  const dir = witnessesDir();
  const pids: number[] = [];
  for (const slug of slugs) {
    const pid = await demoWitnessPid(dir, slug);
    if (!pid) throw new Error(`demo witness ${slug} is not running`);
    process.kill(pid, 'SIGSTOP');
    pids.push(pid);
  }
  let resumed = false;
  return () => {
    if (resumed) return;
    resumed = true;
    for (const pid of pids) process.kill(pid, 'SIGCONT');
  };
}

/**
 * Plants a pinned witness list in the browser that differs from the server's (the quorum raised
 * to 3), as if the log's list had changed since this browser's last visit.
 */
export async function plantChangedPolicy(context: BrowserContext, request: APIRequestContext): Promise<void> {
  const served = (await (await request.get('/api/v1/log/witnesses')).json()) as {
    policy: { quorum: number };
    witnesses: { name: string; nameEn?: string; verifierKey: string }[];
  };
  const pinned = {
    policy: {
      quorum: served.witnesses.length,
      witnesses: served.witnesses.map(({ name, nameEn, verifierKey }) => ({ name, nameEn, verifierKey })),
    },
    seenAt: '2026-12-01T02:00:00.000Z',
  };
  await context.addInitScript(
    ([key, value]) => {
      if (!window.localStorage.getItem(`${key}.planted`)) {
        window.localStorage.setItem(key, value);
        window.localStorage.setItem(`${key}.planted`, '1');
      }
    },
    [WITNESS_POLICY_STORAGE_KEY, JSON.stringify(pinned)] as const,
  );
}
