/**
 * Finding a certificate without its QR code (/certificates): the number and the check code
 * printed on the PDF open the certificate's page; a wrong code and an unknown number get the one
 * same refusal. In Chinese and English, as an anonymous visitor, without serious accessibility
 * problems.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { formatCheckCode } from '../../lib/certificates/format/check-code';
import { type CaseLikeDemo, clearCertificateLookupLimit, issueCertificateFor } from '../data/data';
import { demoEmail, expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { certificateCase, certificatePdf } from './certificate.helpers';

test.describe.configure({ mode: 'serial' });

let made: CaseLikeDemo;
let certificate: { id: string; number: string; checkCode: string };

test.beforeAll(async () => {
  test.setTimeout(90_000);
  made = await certificateCase();
  const exhibit = made.exhibits[0];
  if (!exhibit) throw new Error('the case has no exhibit');
  certificate = await issueCertificateFor(exhibit.id);
  await clearCertificateLookupLimit();
});

const WORDS = {
  'zh-CN': {
    heading: '查找核验证书',
    notFound: '没有证书同时符合此证书编号和校验码。请对照证书核对两者后重试。',
    codeFormat: '校验码为 8 位字母和数字，例如 7K3M-Q9TX',
    statement: '法院证明的内容',
  },
  en: {
    heading: 'Find a verification certificate',
    notFound: 'No certificate has this number and check code. Check both against the certificate and try again.',
    codeFormat: 'A check code is 8 letters and digits, like 7K3M-Q9TX',
    statement: 'What the court certified',
  },
} as const;

async function visitor(browser: Browser, baseURL: string | undefined, locale: 'zh-CN' | 'en') {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
  return { context, page: await context.newPage() };
}

test('the check code printed on the PDF is the one the lookup takes', async ({ page }) => {
  await signInOverHttp(page.request, demoEmail('clerk'));
  const pdf = await certificatePdf(page, certificate.id);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'verity-lookup-')), 'certificate.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(text).toMatch(
    new RegExp(`${certificate.number}\\s+校验码 Check code\\s+${formatCheckCode(certificate.checkCode)}`),
  );
  expect(text).not.toContain('核验人');
});

for (const locale of ['zh-CN', 'en'] as const) {
  const words = WORDS[locale];

  test(`${locale}: the number and check code open the certificate's page`, async ({ browser, baseURL }) => {
    const { context, page } = await visitor(browser, baseURL, locale);
    try {
      await page.goto('/certificates');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.heading);
      expect(await seriousA11yViolations(page)).toEqual([]);
      // Typed as people type: lower case, spaces, no hyphen in the code.
      await page.locator('#number').fill(certificate.number.toLowerCase().replace(/-/g, ' '));
      await page.locator('#code').fill(certificate.checkCode.toLowerCase());
      await page.getByTestId('certificate-lookup-form').locator('button[type="submit"]').click();
      // The code travels on in the fragment (never sent to a server), for the page's own check.
      await expect(page).toHaveURL(new RegExp(`/certificates/${certificate.id}#code=${certificate.checkCode}$`));
      await expect(page.getByTestId('browser-check')).toHaveAttribute('data-browser-check', 'ok', { timeout: 20_000 });
      await expect(page.getByTestId('certified-statement')).toContainText(words.statement);
      await expect(page.getByTestId('certified-sentence')).toContainText(made.caseNumber);
    } finally {
      await context.close();
    }
  });

  test(`${locale}: a wrong code and an unknown number are refused with one same message`, async ({
    browser,
    baseURL,
  }) => {
    const { context, page } = await visitor(browser, baseURL, locale);
    try {
      const wrongCode = certificate.checkCode.startsWith('2')
        ? `3${certificate.checkCode.slice(1)}`
        : `2${certificate.checkCode.slice(1)}`;
      const unknownNumber = certificate.number.replace(/\d{6}$/, '999999');
      const messages: string[] = [];
      for (const [number, code] of [
        [certificate.number, wrongCode],
        [unknownNumber, certificate.checkCode],
      ] as const) {
        await page.goto('/certificates');
        await page.locator('#number').fill(number);
        await page.locator('#code').fill(formatCheckCode(code));
        await page.getByTestId('certificate-lookup-form').locator('button[type="submit"]').click();
        const summary = page.getByTestId('certificate-lookup-errors');
        await expect(summary).toBeVisible();
        await expect(summary).toBeFocused();
        messages.push((await summary.locator('li').allTextContents()).join('|'));
        await expect(page).toHaveURL(/\/certificates$/);
        // What was typed stays in the form, to be corrected.
        await expect(page.locator('#number')).toHaveValue(number);
      }
      expect(messages).toEqual([words.notFound, words.notFound]);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // A malformed code is named as such, and points at its field.
      await page.locator('#code').fill('abc');
      await page.getByTestId('certificate-lookup-form').locator('button[type="submit"]').click();
      await expect(page.getByTestId('certificate-lookup-errors')).toContainText(words.codeFormat);
      await expect(page.locator('#code')).toHaveAttribute('aria-invalid', 'true');
    } finally {
      await context.close();
    }
  });
}
