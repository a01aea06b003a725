/**
 * Issue #6 acceptance, through the browser: the clerk issues a certificate for the consistent
 * exhibit of a case like the demo case (the spec's own, e2e/data: the same people and exhibits
 * under a new number, so no other spec's certificates are in its lists) and downloads the PDF; its text carries the exhibit's SHA-256 and SM3 and the
 * case number, its QR code decodes to the certificate's public page, and the offline checker
 * (`npx verity verify-certificate`) accepts it with the court and log keys and the original, and
 * rejects a copy with a byte of the attached JSON changed, one with the signature changed, and a
 * different original. The litigant downloads it (and the case's ZIP, whose manifest matches its
 * files); strangers get 404. The clerk issues for all exhibits of a case like the other demo case. Then the clerk
 * revokes it with a reason: the public page and the checker's online mode say revoked.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { extractAttachedCertificate } from '../../lib/certificates/pdf/pdf-attachment';
import { flipByte, replaceAttachedCertificate } from '../../lib/certificates/pdf/pdf-attachment.testing';
import { DEMO_EXHIBITS } from '../../prisma/seed/demo-data';
import { createCaseLikeDemo } from '../data/data';
import { demoEmail, expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { SAME_ORIGIN } from './certificate.helpers';

/** The numbers of this spec's cases like demo cases A and B. */
let caseA: string;
let caseB: string;
const EXHIBIT = DEMO_EXHIBITS[0];
const FILES = path.resolve('prisma/seed/files');
const ORIGINAL = path.join(FILES, EXHIBIT?.file ?? '');
const OTHER_FILE = path.join(FILES, 'witness-statement-2026-06.txt');
const REASON = 'e2e：证书所列证据编号有误，予以撤销';

test.describe.configure({ mode: 'serial' });

let dir: string;
/** The certificate the clerk issues in the first test. */
let certificate: { id: string; number: string; pdf: string };
let keys: { court: string; log: string };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  if (EXHIBIT?.title !== '作品著作权许可使用合同') throw new Error('the demo data has changed');
  dir = await mkdtemp(path.join(tmpdir(), 'verity-e2e-certificates-'));
  [caseA, caseB] = await Promise.all([
    createCaseLikeDemo(0).then((c) => c.caseNumber),
    createCaseLikeDemo(1).then((c) => c.caseNumber),
  ]);
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `npx verity verify-certificate …`: the other engineer's offline checker, as a person runs it. */
function checker(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync('npx', ['verity', 'verify-certificate', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

function pinned(): string[] {
  return ['--court-key', keys.court, '--log-key', keys.log];
}

async function openCase(page: Page, caseNumber: string): Promise<string> {
  await page.goto('/home');
  await page.getByTestId('case-link').filter({ hasText: caseNumber }).click();
  await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
  return page.url().split('/').pop() ?? '';
}

async function openExhibit(page: Page): Promise<void> {
  await openCase(page, caseA);
  await page
    .getByTestId('exhibit-table')
    .getByTestId('exhibit-link')
    .filter({ hasText: EXHIBIT?.title ?? '' })
    .click();
  await expect(page.getByTestId('exhibit-page')).toHaveAttribute('data-verdict', 'consistent');
}

function digestsOf(bytes: Buffer): { sha256: string; sm3: string } {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  };
}

test('the clerk issues the certificate; the PDF reads, scans and verifies offline, and tampering is caught', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signInOverHttp(page.request, demoEmail('clerk'));
  await openExhibit(page);

  const section = page.getByTestId('exhibit-certificates');
  await section.getByTestId('issue-certificate-button').click();
  const issued = section.getByTestId('certificate-issued');
  await expect(issued).toBeVisible({ timeout: 30_000 });
  const id = (await issued.getAttribute('data-certificate-id')) ?? '';
  const number = (await issued.getAttribute('data-certificate-number')) ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(number).toMatch(/^VC-\d{4}-\d{6}$/);
  await expect(issued).toContainText(number);
  await expect(issued.getByTestId('certificate-pdf')).toHaveAttribute('href', `/api/v1/certificates/${id}/pdf`);
  await expect(issued.getByTestId('certificate-public-page')).toHaveAttribute('href', `/certificates/${id}`);
  // The list shows it as valid; no second certificate can be issued while it stands.
  const listed = section.locator(`[data-testid="exhibit-certificate"][data-certificate-id="${id}"]`);
  await expect(listed).toHaveAttribute('data-state', 'valid');
  await expect(section.getByTestId('issue-certificate-button')).toHaveCount(0);
  await section.getByTestId('revoke-certificate').locator('summary').click();
  expect(await seriousA11yViolations(page)).toEqual([]);

  const downloading = page.waitForEvent('download');
  await issued.getByTestId('certificate-pdf').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${number}.pdf`);
  const pdf = path.join(dir, `${number}.pdf`);
  await download.saveAs(pdf);
  certificate = { id, number, pdf };

  // What a person reads: both digests of the original, whole, and the case number.
  const original = await readFile(ORIGINAL);
  const { sha256, sm3 } = digestsOf(original);
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  expect(text.status).toBe(0);
  expect(text.stdout).toContain(sha256);
  expect(text.stdout).toContain(sm3);
  expect(text.stdout).toContain(caseA);
  expect(text.stdout).toContain(number);

  // What a phone scans: the QR code is the public check page under the portal's public URL. It sits
  // with the clerk's signature block, on the last page (a certificate from a witnessed ledger is two
  // pages): one code in the whole PDF.
  const png = path.join(dir, 'page');
  expect(spawnSync('pdftoppm', ['-r', '150', '-png', pdf, png]).status).toBe(0);
  const pages = (await readdir(dir)).filter((name) => /^page-\d+\.png$/.test(name)).sort();
  expect(pages.length).toBeGreaterThan(0);
  const scan = spawnSync('zbarimg', ['--raw', '-q', ...pages.map((name) => path.join(dir, name))], {
    encoding: 'utf8',
  });
  expect(scan.stdout.trim().split('\n')).toEqual([`${baseURL}/certificates/${id}`]);
  const last = spawnSync('zbarimg', ['--raw', '-q', path.join(dir, pages.at(-1) ?? '')], { encoding: 'utf8' });
  expect(last.stdout.trim()).toBe(`${baseURL}/certificates/${id}`);

  // The keys a person pins, from the portal.
  const courtKey = await page.request.get('/api/v1/certificates/key');
  const logKey = await page.request.get('/api/v1/log/key');
  expect(courtKey.ok() && logKey.ok()).toBe(true);
  keys = { court: path.join(dir, 'court.key'), log: path.join(dir, 'log.key') };
  await writeFile(keys.court, await courtKey.text());
  await writeFile(keys.log, await logKey.text());

  const accepted = checker(pdf, '--file', ORIGINAL, ...pinned());
  expect(accepted.status, accepted.output).toBe(0);
  const online = checker(pdf, '--file', ORIGINAL, ...pinned(), '--online', baseURL ?? '');
  expect(online.status, online.output).toBe(0);

  const bytes = new Uint8Array(await readFile(pdf));
  const json = await extractAttachedCertificate(bytes);
  // Byte offsets, not character offsets: the body holds Chinese (three bytes a character in UTF-8).
  const jsonBytes = Buffer.from(json);
  // One byte of the attached JSON: a hex digit of the recorded SHA-256 (still a well-formed body),
  // and a byte in the middle; then one character of the signature.
  const digestAt = jsonBytes.indexOf(sha256) + 10;
  const digestByte = Uint8Array.from(json);
  digestByte[digestAt] = jsonBytes[digestAt] === 0x61 ? 0x62 : 0x61;
  const signatureAt = jsonBytes.lastIndexOf('"value":"') + '"value":"'.length + 10;
  const signature = Uint8Array.from(json);
  signature[signatureAt] = jsonBytes[signatureAt] === 0x41 ? 0x42 : 0x41;
  const copies = {
    'digest byte changed': digestByte,
    'middle byte changed': flipByte(json, Math.floor(json.length / 2)),
    'signature changed': signature,
  };
  for (const [name, changed] of Object.entries(copies)) {
    const file = path.join(dir, `${name.replaceAll(' ', '-')}.pdf`);
    await writeFile(file, await replaceAttachedCertificate(bytes, changed));
    const refused = checker(file, '--file', ORIGINAL, ...pinned());
    expect(refused.status, `${name}:\n${refused.output}`).toBe(1);
  }
  const otherFile = checker(pdf, '--file', OTHER_FILE, ...pinned());
  expect(otherFile.status, otherFile.output).toBe(1);
});

test('the litigant downloads the certificate and the case’s ZIP; strangers get 404', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInOverHttp(page.request, demoEmail('litigant'));
  const caseId = await openCase(page, caseA);
  const section = page.getByTestId('case-certificates');
  const row = section.getByTestId('case-certificate-table').locator('tbody tr').filter({ hasText: certificate.number });
  await expect(row.getByTestId('certificate-status')).toHaveAttribute('data-certificate-state', 'valid');
  await expect(section.getByTestId('issue-all-certificates-button')).toHaveCount(0);

  const downloadingPdf = page.waitForEvent('download');
  await row.getByTestId('certificate-pdf').click();
  const pdf = await downloadingPdf;
  expect(pdf.suggestedFilename()).toBe(`${certificate.number}.pdf`);
  const mine = await readFile(await pdf.path());
  expect(mine.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // The same certificate, as the clerk downloaded it (rendering is deterministic).
  expect(Buffer.from(await extractAttachedCertificate(new Uint8Array(mine)))).toEqual(
    Buffer.from(await extractAttachedCertificate(new Uint8Array(await readFile(certificate.pdf)))),
  );

  const downloadingZip = page.waitForEvent('download');
  await section.getByTestId('download-certificates-zip').click();
  const zip = await downloadingZip;
  const entries = unzipSync(new Uint8Array(await readFile(await zip.path())));
  const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
    case: { number: string };
    files: Array<{ name: string; certificateId: string; sha256: string; status: string }>;
  };
  expect(manifest.case.number).toBe(caseA);
  expect(manifest.files.map((f) => f.certificateId)).toContain(certificate.id);
  const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  for (const f of manifest.files) {
    const bytes = entries[f.name];
    expect(bytes, f.name).toBeDefined();
    expect(sha256(bytes as Uint8Array), f.name).toBe(f.sha256);
    expect(f.status).toBe('valid');
  }
  const sums = new TextDecoder().decode(entries['manifest.sha256']).trim().split('\n');
  expect(sums).toContain(`${sha256(entries['manifest.json'] as Uint8Array)}  manifest.json`);

  for (const who of ['depositor', 'admin'] as const) {
    const context = await browser.newContext();
    try {
      await signInOverHttp(context.request, demoEmail(who));
      expect((await context.request.get(`/api/v1/certificates/${certificate.id}/pdf`)).status()).toBe(404);
      expect((await context.request.get(`/api/v1/cases/${caseId}/certificates.zip`)).status()).toBe(404);
    } finally {
      await context.close();
    }
  }
});

test('the clerk issues certificates for all exhibits of a case; a second run skips them, saying why', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInOverHttp(page.request, demoEmail('clerk'));
  await openCase(page, caseB);
  const section = page.getByTestId('case-certificates');
  await section.getByTestId('issue-all-certificates-button').click();
  const result = section.getByTestId('issue-all-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  const issued = Number(await result.getAttribute('data-issued'));
  expect(issued).toBeGreaterThanOrEqual(1);
  await expect(result.getByTestId('issued-certificates').getByTestId('certificate-pdf')).toHaveCount(issued);
  await expect(section.getByTestId('case-certificate-table').locator('tbody tr')).toHaveCount(issued);

  await section.getByTestId('issue-all-certificates-button').click();
  await expect(result).toHaveAttribute('data-issued', '0', { timeout: 60_000 });
  await expect(result.locator('[data-reason="already_certified"]')).toHaveCount(issued);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('the clerk revokes it with a reason: the portal, the public page and the online check say revoked', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await signInOverHttp(page.request, demoEmail('clerk'));
  await openExhibit(page);
  const item = page.locator(`[data-testid="exhibit-certificate"][data-certificate-id="${certificate.id}"]`);
  await item.getByTestId('revoke-certificate').locator('summary').click();
  await item.getByTestId('revoke-reason').fill(REASON);
  await item.getByTestId('revoke-confirm').check();
  await item.getByTestId('revoke-submit').click();
  await expect(item.getByTestId('certificate-revoked')).toBeVisible({ timeout: 30_000 });
  await expect(item).toHaveAttribute('data-state', 'revoked');
  await expect(item.getByTestId('certificate-revocation')).toContainText(REASON);
  // With no valid certificate left, the exhibit can be certified again.
  await expect(page.getByTestId('issue-certificate-button')).toBeVisible();

  const status = await page.request.get(`/api/v1/certificates/${certificate.id}/pdf`, { headers: SAME_ORIGIN });
  expect(status.headers()['verity-certificate-status']).toBe('revoked');

  await page.goto(`/certificates/${certificate.id}`);
  await expect(page.locator('[data-certificate-state="revoked"]').first()).toBeVisible();
  await expect(page.getByText(REASON).first()).toBeVisible();

  const online = checker(certificate.pdf, '--file', ORIGINAL, ...pinned(), '--online', baseURL ?? '');
  expect(online.status, online.output).toBe(1);
  expect(online.output).toMatch(/revoked/i);
  expect(online.output).toContain(REASON);
});

test('the certificate sections fit a 360 px wide phone', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 }, isMobile: true });
  try {
    await signInOverHttp(context.request, demoEmail('clerk'));
    const page = await context.newPage();
    await openExhibit(page);
    await expect(page.getByTestId('exhibit-certificates')).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
    await page.getByRole('link', { name: new RegExp(caseA.replace(/[()]/g, '\\$&')) }).click();
    await expect(page.getByTestId('case-certificates')).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
