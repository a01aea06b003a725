/**
 * /verify checks deposit certificates (存证证书) too, in the browser, with real PDFs the portal
 * makes for a depositor (GET /deposit/certificate): one deposit and a batch, each deposit's facts
 * listed in plain words and checked; a PDF with one byte of its signed data changed fails; and
 * neither certificate kind passes as the other (a deposit certificate's data relabelled as a
 * verification certificate, a verification certificate's relabelled as a deposit certificate). In
 * Chinese and English, without serious accessibility problems or overflow on a phone.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import { extractAttachedCertificate } from '../../lib/certificates/pdf/pdf-attachment';
import { flipByte, replaceAttachedCertificate } from '../../lib/certificates/pdf/pdf-attachment.testing';
import { certificateCase } from '../certificates/certificate.helpers';
import {
  clearCertificateLookupLimit,
  createDepositHistory,
  type DepositHistoryData,
  issueCertificateFor,
} from '../data/data';
import { expect, seriousA11yViolations, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { depositCertificatePdfs } from './deposit-certificate.helpers';
import { chooseFiles, openVerifyPage } from './verify.helpers';

test.describe.configure({ mode: 'serial' });

const PDF = 'application/pdf';
const JSON_TYPE = 'application/json';

const WORDS = {
  'zh-CN': {
    ok: '存证证书：全部核对通过',
    what: '不是法院的核验证书',
    failed: '本存证证书未通过核对',
    record: /^\d+（共 \d+ 条）$/,
    beijing: '北京时间',
    verificationFailed: '本证书未通过核对',
  },
  en: {
    ok: 'Deposit certificate: every check passed',
    what: "not a court's verification certificate",
    failed: 'This deposit certificate does not check',
    record: /^record \d+ of \d+$/,
    beijing: 'Beijing time',
    verificationFailed: 'This certificate does not check',
  },
} as const;

let data: DepositHistoryData;
let single: Buffer;
let batch: Buffer;
let verificationJson: Buffer;

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  data = await createDepositHistory(2);
  ({ single, batch } = await depositCertificatePdfs(browser, baseURL, data));
  // A verification certificate's signed data, as anyone holding its check code gets it.
  const made = await certificateCase();
  const issued = await issueCertificateFor(made.exhibits[0]?.id ?? '');
  await clearCertificateLookupLimit();
  const anonymous = await browser.newContext({ baseURL });
  try {
    const response = await anonymous.request.get(`/api/v1/certificates/${issued.id}`, {
      headers: { 'verity-check-code': issued.checkCode },
    });
    expect(response.status()).toBe(200);
    verificationJson = Buffer.from(await response.body());
  } finally {
    await anonymous.close();
  }
});

async function open(browser: Browser, baseURL: string | undefined, locale: 'zh-CN' | 'en', phone = false) {
  const context = await browser.newContext({
    baseURL,
    ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
  });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
  const page = await context.newPage();
  await openVerifyPage(page);
  return { context, page };
}

function certificateRow(page: Page, name: string): Locator {
  return page.locator('[data-testid="verify-result"][data-kind="certificate"]').filter({
    has: page.getByRole('heading', { name, exact: true }),
  });
}

const relabel = (json: Uint8Array, format: string) =>
  Buffer.from(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(json)), format }));

for (const locale of ['zh-CN', 'en'] as const) {
  const words = WORDS[locale];

  test(`${locale}: a deposit certificate of one deposit, and of a batch, check deposit by deposit`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(60_000);
    const { context, page } = await open(browser, baseURL, locale, locale === 'en');
    try {
      await chooseFiles(page, [
        { name: 'one.deposit-certificate.pdf', mimeType: PDF, buffer: single },
        { name: 'batch.deposit-certificate.pdf', mimeType: PDF, buffer: batch },
      ]);
      for (const [name, count] of [
        ['one.deposit-certificate.pdf', 1],
        ['batch.deposit-certificate.pdf', 2],
      ] as const) {
        const row = certificateRow(page, name);
        await expect(row).toHaveAttribute('data-certificate-check', 'ok', { timeout: 20_000 });
        await expect(row).toHaveAttribute('data-certificate-kind', 'deposit');
        await expect(row.getByTestId('certificate-summary')).toContainText(words.ok);
        await expect(row.getByTestId('deposit-certificate-kind')).toContainText(words.what);
        await expect(row.locator('[data-fact="depositor"]').first()).toContainText(data.orgName);
        const deposits = row.getByTestId('certified-deposit');
        await expect(deposits).toHaveCount(count);
        for (let i = 0; i < count; i++) {
          const expected = data.deposits[i];
          const deposit = deposits.nth(i);
          await expect(deposit).toHaveAttribute('data-deposit-check', 'ok');
          await expect(deposit).toHaveAttribute('data-deposit-id', expected?.id ?? '');
          await expect(deposit.locator('[data-fact="title"]')).toContainText(expected?.title ?? '');
          await expect(deposit.locator('[data-fact="deposit-id"]')).toContainText(expected?.id ?? '');
          await expect(deposit.locator('[data-fact="time"]')).toContainText(words.beijing);
          await expect(deposit.locator('[data-fact="record"] dd')).toHaveText(words.record);
          for (const state of await deposit
            .locator('[data-check]')
            .evaluateAll((l) => l.map((e) => e.getAttribute('data-state'))))
            expect(state).toBe('passed');
        }
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
      if (locale === 'en') expect(await overflowingElements(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test(`${locale}: a changed deposit certificate fails, and neither kind passes as the other`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(60_000);
    const { context, page } = await open(browser, baseURL, locale);
    try {
      const json = await extractAttachedCertificate(new Uint8Array(single));
      const at = new TextDecoder().decode(json).indexOf('"depositedAt"') + 20;
      const changed = await replaceAttachedCertificate(new Uint8Array(single), flipByte(json, at));
      await chooseFiles(page, [
        { name: 'changed.pdf', mimeType: PDF, buffer: Buffer.from(changed) },
        { name: 'deposit-as-verification.json', mimeType: JSON_TYPE, buffer: relabel(json, 'verity-certificate/v1') },
        {
          name: 'verification-as-deposit.json',
          mimeType: JSON_TYPE,
          buffer: relabel(verificationJson, 'verity-deposit-certificate/v1'),
        },
        { name: 'verification.json', mimeType: JSON_TYPE, buffer: verificationJson },
      ]);
      const changedRow = certificateRow(page, 'changed.pdf');
      await expect(changedRow).toHaveAttribute('data-certificate-check', 'failed', { timeout: 20_000 });
      await expect(changedRow.getByTestId('certificate-summary')).toContainText(words.failed);

      const asVerification = certificateRow(page, 'deposit-as-verification.json');
      await expect(asVerification).toHaveAttribute('data-certificate-check', 'failed', { timeout: 20_000 });
      await expect(asVerification).toHaveAttribute('data-certificate-kind', 'verification');
      await expect(asVerification.locator('[data-check="format"]')).toHaveAttribute('data-state', 'failed');
      await expect(asVerification.getByTestId('certificate-summary')).toContainText(words.verificationFailed);

      const asDeposit = certificateRow(page, 'verification-as-deposit.json');
      await expect(asDeposit).toHaveAttribute('data-certificate-check', 'failed', { timeout: 20_000 });
      await expect(asDeposit).toHaveAttribute('data-certificate-kind', 'deposit');
      await expect(asDeposit.locator('[data-check="format"]')).toHaveAttribute('data-state', 'failed');
      await expect(asDeposit.getByTestId('certified-deposit')).toHaveCount(0);

      // The verification certificate itself still checks as one.
      const verification = certificateRow(page, 'verification.json');
      await expect(verification).toHaveAttribute('data-certificate-check', 'ok', { timeout: 20_000 });
      await expect(verification).toHaveAttribute('data-certificate-kind', 'verification');
    } finally {
      await context.close();
    }
  });
}
