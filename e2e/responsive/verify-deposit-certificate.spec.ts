/**
 * Issue #17: /verify with a deposit certificate's result (a batch of three deposits with long
 * titles, an organisation with a very long name, both digests whole, every disclosure open) fits a
 * 360 px phone in both languages.
 */
import { createDepositHistory, type DepositHistoryData } from '../data/data';
import { expect, test } from '../fixtures';
import { depositCertificatePdfs } from '../verify/deposit-certificate.helpers';
import { chooseFiles, openVerifyPage } from '../verify/verify.helpers';
import { overflowingElements } from './overflow';

let data: DepositHistoryData;
let batch: Buffer;

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  data = await createDepositHistory(3);
  ({ batch } = await depositCertificatePdfs(browser, baseURL, data));
});

test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });

for (const locale of ['zh-CN', 'en'] as const) {
  test(`${locale}: a deposit certificate of three deposits, checked on /verify, fits 360 px`, async ({
    page,
    context,
    baseURL,
  }) => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    await openVerifyPage(page);
    await chooseFiles(page, {
      name: `${data.deposits[0]?.title}.deposit-certificate.pdf`,
      mimeType: 'application/pdf',
      buffer: batch,
    });
    const row = page.locator('[data-certificate-kind="deposit"]');
    await expect(row).toHaveAttribute('data-certificate-check', 'ok', { timeout: 20_000 });
    await expect(row.getByTestId('certified-deposit')).toHaveCount(3);
    await expect(row).toContainText(data.orgName);
    for (const summary of await row.locator('summary').all()) await summary.click();
    expect(await overflowingElements(page)).toEqual([]);
  });
}
