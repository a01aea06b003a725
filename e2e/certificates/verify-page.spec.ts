/**
 * A certificate dropped on /verify is checked in the browser, against the court and log keys the
 * page pins, and compared with the original when that is dropped with it (or already listed):
 * the PDF and the original → every check ✓; a PDF with a byte of its attached JSON flipped → ✗;
 * the JSON file itself → ✓; a different original → ✗ file_digests. An ordinary PDF is still
 * hashed and looked up as evidence.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { extractAttachedCertificate } from '../../lib/certificates/pdf/pdf-attachment';
import { flipByte, replaceAttachedCertificate } from '../../lib/certificates/pdf/pdf-attachment.testing';
import { expect, seriousA11yViolations, test } from '../fixtures';
import { chooseFiles, demoFile, fileRow, openVerifyPage } from '../verify/verify.helpers';
import { certificateCase, certificatePdf, certificateThroughUi, exhibitFile } from './certificate.helpers';

test.describe.configure({ mode: 'serial' });

const PDF = 'application/pdf';
const ALL_CHECKS = [
  'attachment',
  'format',
  'signature',
  'court_key',
  'leaf',
  'digests_match_leaf',
  'checkpoint_signature',
  'inclusion_proof',
  // The e2e server runs the three demo witnesses: certificates say who vouched (#18).
  'cosignatures',
  'file_digests',
];

let certificate: { id: string; number: string; pdf: Buffer; json: Uint8Array };

function certificateRow(page: Page, name: string): Locator {
  return page.locator('[data-testid="verify-result"][data-kind="certificate"]').filter({
    has: page.getByRole('heading', { name, exact: true }),
  });
}

async function checkStates(row: Locator): Promise<Record<string, string | null>> {
  return row
    .locator('[data-check]')
    .evaluateAll((items) =>
      Object.fromEntries(items.map((li) => [li.getAttribute('data-check'), li.getAttribute('data-state')])),
    );
}

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    const issued = await certificateThroughUi(page, await certificateCase());
    const pdf = await certificatePdf(page, issued.id);
    certificate = { ...issued, pdf, json: await extractAttachedCertificate(new Uint8Array(pdf)) };
  } finally {
    await context.close();
  }
});

test('the certificate PDF dropped with the original: every check passes in the browser', async ({ page }) => {
  const original = exhibitFile();
  await openVerifyPage(page);
  await chooseFiles(page, [
    { name: `${certificate.number}.pdf`, mimeType: PDF, buffer: certificate.pdf },
    { name: original.name, mimeType: 'image/png', buffer: original.bytes },
  ]);
  const row = certificateRow(page, `${certificate.number}.pdf`);
  await expect(row).toHaveAttribute('data-certificate-check', 'ok', { timeout: 20_000 });
  const states = await checkStates(row);
  expect(Object.keys(states)).toEqual(ALL_CHECKS);
  expect(Object.values(states).every((s) => s === 'passed')).toBe(true);
  await expect(row.getByTestId('certificate-summary')).toContainText(`证书 ${certificate.number}：全部核对通过`);
  await expect(row.getByTestId('certificate-original')).toContainText(original.name);
  await expect(row.locator('[data-check-detail="court_key"]')).toContainText('signed with the pinned court key');
  await expect(row.getByRole('link', { name: new RegExp(certificate.number) })).toHaveAttribute(
    'href',
    `/certificates/${certificate.id}`,
  );
  // The original is also checked against the ledger as before, in its own row.
  await expect(fileRow(page, original.name)).toHaveAttribute('data-check-state', 'verified', { timeout: 20_000 });
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('a PDF whose attached JSON has one byte flipped fails', async ({ page }) => {
  const at = new TextDecoder().decode(certificate.json).indexOf('"exhibit"') + 20;
  const changed = await replaceAttachedCertificate(new Uint8Array(certificate.pdf), flipByte(certificate.json, at));
  await openVerifyPage(page);
  await chooseFiles(page, { name: 'changed.pdf', mimeType: PDF, buffer: Buffer.from(changed) });
  const row = certificateRow(page, 'changed.pdf');
  await expect(row).toHaveAttribute('data-certificate-check', 'failed', { timeout: 20_000 });
  await expect(row.locator('[data-check="attachment"]')).toHaveAttribute('data-state', 'passed');
  const states = await checkStates(row);
  expect(Object.values(states)).toContain('failed');
  await expect(row.getByTestId('certificate-summary')).toContainText('本证书未通过核对');
});

test('the JSON file variant passes, and is compared with an original already in the list', async ({ page }) => {
  const original = exhibitFile();
  await openVerifyPage(page);
  await chooseFiles(page, { name: original.name, mimeType: 'image/png', buffer: original.bytes });
  await expect(fileRow(page, original.name)).toHaveAttribute('data-check-state', 'verified', { timeout: 20_000 });
  await chooseFiles(page, {
    name: `${certificate.number}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(certificate.json),
  });
  const row = certificateRow(page, `${certificate.number}.json`);
  await expect(row).toHaveAttribute('data-certificate-check', 'ok', { timeout: 20_000 });
  const states = await checkStates(row);
  expect(Object.keys(states)).toEqual(ALL_CHECKS.filter((name) => name !== 'attachment'));
  expect(Object.values(states).every((s) => s === 'passed')).toBe(true);
  await expect(row.getByTestId('certificate-original')).toContainText(original.name);

  // A JSON file with one byte flipped fails too.
  const flipped = flipByte(certificate.json, Math.floor(certificate.json.length / 2));
  await chooseFiles(page, { name: 'flipped.json', mimeType: 'application/json', buffer: Buffer.from(flipped) });
  await expect(certificateRow(page, 'flipped.json')).toHaveAttribute('data-certificate-check', 'failed', {
    timeout: 20_000,
  });
});

test('a different original fails file_digests, in English', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL ?? '' }]);
  const other = path.resolve('prisma/seed/files/witness-statement-2026-06.txt');
  await openVerifyPage(page);
  await chooseFiles(page, [
    { name: `${certificate.number}.pdf`, mimeType: PDF, buffer: certificate.pdf },
    { name: 'witness-statement-2026-06.txt', mimeType: 'text/plain', buffer: readFileSync(other) },
  ]);
  const row = certificateRow(page, `${certificate.number}.pdf`);
  await expect(row).toHaveAttribute('data-certificate-check', 'failed', { timeout: 20_000 });
  const states = await checkStates(row);
  expect(states.file_digests).toBe('failed');
  expect(Object.entries(states).filter(([, s]) => s === 'failed')).toEqual([['file_digests', 'failed']]);
  await expect(row.locator('[data-check="file_digests"]')).toContainText('The original file has the certified digests');
  await expect(row.getByTestId('certificate-summary')).toContainText('This certificate does not check');
});

test('an ordinary PDF is still hashed and looked up as evidence', async ({ page }) => {
  const contract = demoFile(0);
  await openVerifyPage(page);
  await chooseFiles(page, contract.path);
  await expect(fileRow(page, contract.name)).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
  await expect(page.locator('[data-kind="certificate"]')).toHaveCount(0);
});
