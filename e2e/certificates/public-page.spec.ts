/**
 * The public check page /certificates/{id}, where a certificate's QR code leads (no sign-in): a
 * certificate the clerk issued through the portal is valid, with its key facts and the court's
 * signature and the ledger proof checked in the browser; after the clerk revokes it, the page
 * says revoked with the reason and the time; an unknown ID is a 404 saying so. In Chinese and
 * English, on a 390 px phone, without CSP violations or serious accessibility problems.
 */
import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from '@playwright/test';
import { certificateCheckCode } from '../../lib/certificates/format/check-code';
import { extractAttachedCertificate } from '../../lib/certificates/pdf/pdf-attachment';
import { groupDigest } from '../../lib/hashing/format';
import type { CaseLikeDemo } from '../data/data';
import { expect, seriousA11yViolations, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import {
  certificateCase,
  certificatePdf,
  certificateThroughUi,
  EXHIBIT_TITLE,
  exhibitFile,
  openExhibitAsClerk,
} from './certificate.helpers';

test.describe.configure({ mode: 'serial' });

const REASON = 'e2e：截图证据编号填写有误 / wrong exhibit number';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let made: CaseLikeDemo;
let certificate: { id: string; number: string };
/** The page as a visitor opens it after the lookup: with the check code printed on the PDF in the fragment. */
let visitorPath: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  made = await certificateCase();
});

async function publicContext(
  browser: import('@playwright/test').Browser,
  baseURL: string | undefined,
  options: { locale?: 'en'; phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; violations: string[] }> {
  const context = await browser.newContext({ baseURL, ...(options.phone ? PHONE : {}) });
  if (options.locale) await context.addCookies([{ name: 'NEXT_LOCALE', value: options.locale, url: baseURL ?? '' }]);
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return { context, page, violations };
}

test('a valid certificate: key facts, and the signature and proof checked in the browser', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  certificate = await certificateThroughUi(page, made);
  const attached = await extractAttachedCertificate(new Uint8Array(await certificatePdf(page, certificate.id)));
  const code = certificateCheckCode(JSON.parse(new TextDecoder().decode(attached)).body);
  visitorPath = `/certificates/${certificate.id}#code=${code}`;
  const file = exhibitFile();
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const sm3 = createHash('sm3').update(file.bytes).digest('hex');

  const { context, page: visitor, violations } = await publicContext(browser, baseURL);
  try {
    const response = await visitor.goto(visitorPath);
    expect(response?.status()).toBe(200);
    const main = visitor.locator('main');
    await expect(main).toHaveAttribute('data-certificate-state', 'valid');
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(`核验证书 ${certificate.number}`);
    await expect(visitor.getByTestId('certificate-standing')).toContainText('有效');

    const check = visitor.getByTestId('browser-check');
    await expect(check).toHaveAttribute('data-browser-check', 'ok', { timeout: 20_000 });
    const items = check.locator('[data-check]');
    const names = await items.evaluateAll((list) => list.map((li) => li.getAttribute('data-check')));
    expect(names).toEqual([
      'format',
      'signature',
      'court_key',
      'leaf',
      'digests_match_leaf',
      'checkpoint_signature',
      'inclusion_proof',
      // The e2e server runs the three demo witnesses: certificates say who vouched (#18).
      'cosignatures',
      'served',
    ]);
    for (const item of await items.all()) await expect(item).toHaveAttribute('data-state', 'passed');
    // Each check's technical detail, in Chinese, inside the disclosure; none of the checker's English.
    await expect(check.locator('[data-check-detail="court_key"]')).toContainText('与本页固定的法院密钥相同');
    await expect(check.getByTestId('certificate-check-details')).not.toContainText('signed with the pinned court key');

    const facts = visitor.getByTestId('certificate-facts');
    await expect(facts.locator('[data-fact="number"]')).toContainText(certificate.number);
    // Witnessed by 2 or 3 of the demo witnesses, or issued before 2 had cosigned: either is said plainly.
    await expect(facts.locator('[data-fact="witnessed"]')).toContainText(
      /已由 3 家机构中的 [23] 家见证：示范公证处|已由 3 家机构中的 2 家见证：示范司法鉴定中心|尚未见证/,
    );
    await expect(facts.locator('[data-fact="case"]')).toContainText(made.caseNumber);
    await expect(facts.locator('[data-fact="exhibit"]')).toContainText(EXHIBIT_TITLE);
    await expect(facts.locator('[data-fact="file-name"]')).toContainText(file.name);
    await expect(facts.locator('[data-fact="size"]')).toContainText(file.bytes.length.toLocaleString('zh-CN'));
    await expect(facts.locator('[data-fact="verdict"]')).toContainText('不一致');
    await expect(facts.locator('[data-fact="deposit"]')).toContainText('北京时间');
    await expect(facts.locator('[data-fact="issued"]')).toContainText('北京时间');
    await expect(facts.getByText(groupDigest(sha256), { exact: true })).toBeVisible();
    await expect(facts.getByText(groupDigest(sm3), { exact: true })).toBeVisible();
    expect(await seriousA11yViolations(visitor)).toEqual([]);
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
});

test('in English, and on a 390 px phone', async ({ browser, baseURL }) => {
  const { context, page, violations } = await publicContext(browser, baseURL, { locale: 'en', phone: true });
  try {
    await page.goto(visitorPath);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Verification certificate ${certificate.number}`);
    await expect(page.getByTestId('certificate-standing')).toContainText('Valid');
    await expect(page.getByTestId('browser-check')).toHaveAttribute('data-browser-check', 'ok', { timeout: 20_000 });
    await expect(page.getByTestId('browser-check')).toContainText("The court's signature matches the certificate");
    await expect(page.getByTestId('certificate-facts')).toContainText('Does not match');
    await page.getByTestId('offline-check').locator('summary').click();
    await expect(page.getByTestId('offline-check')).toContainText('npx verity verify-certificate');
    // A visitor is offered no download of the signed data (it names people in full).
    await expect(page.getByTestId('names-withheld')).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
});

test('after the clerk revokes it, the page says revoked, with the reason and the time', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await openExhibitAsClerk(page, made);
  const item = page.locator(`[data-testid="exhibit-certificate"][data-certificate-id="${certificate.id}"]`);
  // The disclosure may be re-rendered while the page settles (closing it again): open it until it stays open.
  const reason = item.getByTestId('revoke-reason');
  await expect(async () => {
    if (!(await reason.isVisible())) await item.getByTestId('revoke-certificate').locator('summary').click();
    await expect(reason).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await reason.fill(REASON);
  await item.getByTestId('revoke-confirm').check();
  await item.getByTestId('revoke-submit').click();
  await expect(item).toHaveAttribute('data-state', 'revoked', { timeout: 30_000 });

  for (const locale of [undefined, 'en'] as const) {
    const { context, page: visitor } = await publicContext(browser, baseURL, { locale, phone: locale === 'en' });
    try {
      await visitor.goto(visitorPath);
      await expect(visitor.locator('main')).toHaveAttribute('data-certificate-state', 'revoked');
      const standing = visitor.getByTestId('certificate-standing');
      await expect(standing).toContainText(locale === 'en' ? 'Revoked' : '已撤销');
      await expect(standing).toContainText(locale === 'en' ? 'Beijing time' : '北京时间');
      await expect(visitor.getByTestId('revocation-reason')).toContainText(REASON);
      // The signature still checks: a revoked certificate is authentic, and no longer stands.
      await expect(visitor.getByTestId('browser-check')).toHaveAttribute('data-browser-check', 'ok', {
        timeout: 20_000,
      });
      expect(await seriousA11yViolations(visitor)).toEqual([]);
    } finally {
      await context.close();
    }
  }
});

test('an unknown ID is a 404 that says no such certificate was issued by this court', async ({ browser, baseURL }) => {
  for (const [locale, words] of [
    [undefined, '本法院未出具过此编号（ID）的证书。'],
    ['en', 'No certificate with this ID was issued by this court.'],
  ] as const) {
    const { context, page } = await publicContext(browser, baseURL, { locale, phone: true });
    try {
      for (const id of ['7d0c3d1e-8a4b-4c47-9d0e-3c1b2a190000', 'not-a-uuid']) {
        const response = await page.goto(`/certificates/${id}`);
        expect(response?.status()).toBe(404);
        await expect(page.locator('main')).toHaveAttribute('data-certificate-state', 'unknown');
        await expect(page.getByTestId('certificate-unknown')).toHaveText(words);
        await expect(page.locator('main')).toContainText(id);
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }
});
