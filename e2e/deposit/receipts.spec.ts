/**
 * Issue #17, receipts people can keep, in both languages: a depositor deposits a file on /deposit;
 * the receipt file is named after the file and the day and carries the title and file name (each
 * checkable against the leaf); the deposit certificate (PDF) carries them too and its attached
 * signed body checks offline; the history page finds the deposit by title and by digest and hands
 * out its receipt and certificate; a depositor of another organisation sees none of it.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { extractAttachedCertificate } from '../../lib/certificates/pdf/pdf-attachment';
import type { DepositCertificateFile } from '../../lib/deposit-certificates/format/deposit-certificate-body';
import { verifyDepositCertificate } from '../../lib/deposit-certificates/format/verify-deposit-certificate';
import { beijingDate, type ReceiptFileContent, receiptAdditionsMatchLeaf } from '../../lib/ledger/receipt-file';
import { createDepositHistory, type DepositHistoryData } from '../data/data';
import { expect, signInOverHttp, test } from '../fixtures';
import { depositRow, downloadJson, dropFiles, logKey, randomFile } from './deposit.helpers';

let data: DepositHistoryData;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  data = await createDepositHistory(1);
});

const WORDS = {
  'zh-CN': { heading: '存证记录', none: '没有符合条件的存证', digestError: '请输入完整的 64 位摘要' },
  en: { heading: 'Deposit history', none: 'No deposits match', digestError: 'Enter a whole 64-character digest' },
} as const;

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, bytes: await readFile(await download.path()) };
}

async function pinnedKeys(page: Page) {
  const court = await page.request.get('/api/v1/certificates/key');
  return { courtPublicKey: (await court.text()).trim(), logVerifierKey: await logKey(page.request) };
}

for (const locale of ['zh-CN', 'en'] as const) {
  test(`${locale}: deposit a file, keep its receipt and deposit certificate, find it in the history; another organisation cannot`, async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const words = WORDS[locale];
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    await signInOverHttp(page.request, data.depositor.email, data.depositor.password);
    const stamp = `${locale}-${Date.now()}`;
    const file = randomFile(3000, `采购合同-${stamp}.pdf`);
    const title = `采购合同（2026）${stamp}`;

    await page.goto('/deposit');
    await dropFiles(page, [file]);
    const row = depositRow(page, file);
    await expect(row).toHaveAttribute('data-hash-state', 'done', { timeout: 20_000 });
    await row.locator('input[type="text"]').fill(title);
    await page.getByTestId('deposit-submit').click();
    await expect(row).toHaveAttribute('data-deposit-state', 'deposited', { timeout: 20_000 });

    // The receipt file: named after the file and the day, carrying the title and the file's name.
    const { download: receiptDownload, json: receipt } = await downloadJson<ReceiptFileContent>(page, () =>
      row.getByTestId('download-receipt').click(),
    );
    const day = beijingDate(receipt.depositedAt);
    expect(receiptDownload.suggestedFilename()).toBe(`${file.name}.${day}.verity-receipt.json`);
    expect(receipt.title).toBe(title);
    expect(receipt.metadata).toEqual({ file: { name: file.name, size: file.bytes.length } });
    expect(receipt.digests).toEqual({ sha256: file.sha256, sm3: file.sm3 });
    expect(receiptAdditionsMatchLeaf(receipt)).toBe(true);

    // The deposit certificate: a PDF whose attached signed body checks against the pinned keys.
    const keys = await pinnedKeys(page);
    const certificate = await downloaded(page, () => row.getByTestId('download-certificate').click());
    expect(certificate.download.suggestedFilename()).toMatch(
      new RegExp(`^${file.name.replace(/\./g, '\\.')}\\.\\d{4}-\\d{2}-\\d{2}\\.deposit-certificate\\.pdf$`),
    );
    expect(certificate.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const attached = await extractAttachedCertificate(certificate.bytes);
    const check = verifyDepositCertificate(attached, keys);
    expect(check.checks.filter((c) => !c.ok)).toEqual([]);
    const body = (JSON.parse(new TextDecoder().decode(attached)) as DepositCertificateFile).body;
    expect(body.deposits[0]).toMatchObject({
      id: receipt.id,
      title,
      file: { name: file.name, size: file.bytes.length },
      digests: { sha256: file.sha256, sm3: file.sm3 },
    });
    expect(body.deposits[0]?.checkUrl).toMatch(new RegExp(`/verify\\?deposit=${receipt.id}$`));

    // The history finds it by title…
    await page.getByTestId('history-link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.heading);
    await page.locator('#history-q').fill(stamp);
    await page.getByTestId('history-submit').click();
    const found = page.getByTestId('history-table').locator('tbody tr');
    await expect(found).toHaveCount(1);
    await expect(found).toContainText(title);
    await expect(found).toContainText(receipt.id);

    // …and by a digest prefix of either algorithm, grouped as printed.
    for (const digest of [`${file.sha256.slice(0, 8)} ${file.sha256.slice(8, 16)}`, file.sm3.toUpperCase()]) {
      await page.goto('/deposit/history');
      await page.locator('#history-digest').fill(digest);
      await page.getByTestId('history-submit').click();
      await expect(found).toHaveCount(1);
      await expect(found).toContainText(title);
    }

    // Each row hands out the receipt (with the title kept) and the certificate.
    const fromHistory = await downloadJson<ReceiptFileContent>(page, () =>
      found.getByTestId('history-receipt').click(),
    );
    expect(fromHistory.json.id).toBe(receipt.id);
    expect(fromHistory.json.title).toBe(title);
    expect(fromHistory.json.metadata).toBeUndefined(); // the server never keeps file names
    expect(receiptAdditionsMatchLeaf(fromHistory.json)).toBe(true);
    const historyCertificate = await downloaded(page, () => found.getByTestId('history-certificate').click());
    expect(historyCertificate.download.suggestedFilename()).toMatch(/\.deposit-certificate\.pdf$/);
    expect(verifyDepositCertificate(await extractAttachedCertificate(historyCertificate.bytes), keys).ok).toBe(true);

    // A malformed digest is named by the field and in the error summary.
    await page.locator('#history-digest').fill('not-a-digest');
    await page.getByTestId('history-submit').click();
    await expect(page.getByTestId('history-errors')).toContainText(words.digestError);
    await expect(page.locator('#history-digest')).toHaveAttribute('aria-invalid', 'true');

    // Another organisation's depositor finds nothing, and may not download either file.
    const other = await browser.newContext({ baseURL });
    await other.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    const otherPage = await other.newPage();
    await signInOverHttp(otherPage.request, data.other.email, data.other.password);
    await otherPage.goto(`/deposit/history?digest=${file.sha256}`);
    await expect(otherPage.getByTestId('history-count')).toHaveText(words.none);
    await otherPage.goto(`/deposit/history?q=${encodeURIComponent(stamp)}`);
    await expect(otherPage.getByTestId('history-empty')).toBeVisible();
    expect((await otherPage.request.get(`/deposit/receipt/${receipt.id}`)).status()).toBe(404);
    expect((await otherPage.request.get(`/deposit/certificate?id=${receipt.id}`)).status()).toBe(404);
    await other.close();
  });
}

test('the history is for depositors only: a litigant gets the 403 page and no downloads', async ({
  page,
  signInAs,
}) => {
  await signInAs('litigant');
  expect((await page.goto('/deposit/history'))?.status()).toBe(403);
  const id = data.deposits[0]?.id as string;
  expect((await page.request.get(`/deposit/receipt/${id}`)).status()).toBe(403);
  expect((await page.request.get(`/deposit/certificate?id=${id}`)).status()).toBe(403);
});
