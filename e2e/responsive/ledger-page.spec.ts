/**
 * Issue #18: the public ledger page fits a 360 px and a 390 px phone and a desktop in both
 * languages, with an organisation of a long name and both digests on every deposit, the search's
 * results and its error, and the technical details open (the signed note and the keys).
 */
import type { Page } from '@playwright/test';
import { createDepositHistory, type DepositHistoryData } from '../data/data';
import { expect, test } from '../fixtures';
import { inEachViewAndLanguage, LOCALES, overflowingElements } from './overflow';

let data: DepositHistoryData;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  data = await createDepositHistory(3);
});

async function expectFits(page: Page, what: string): Promise<void> {
  expect(await overflowingElements(page), what).toEqual([]);
}

async function checkPage(page: Page): Promise<void> {
  await page.goto('/ledger');
  await expect(page.getByTestId('ledger-deposit').first()).toBeVisible();
  await expect(page.getByTestId('signature-check')).toHaveAttribute('data-state', 'checked', { timeout: 15_000 });
  // Every disclosure open: the signed note and keys, and an alarm's evidence when one was raised.
  for (const summary of await page.locator('main summary').all()) await summary.click();
  await expectFits(page, '/ledger');

  await page.goto(`/ledger?q=${data.deposits[0]?.sha256}`);
  await expect(page.getByTestId('ledger-search-list').getByTestId('ledger-deposit')).toHaveCount(1);
  await expect(page.getByTestId('ledger-search-list')).toContainText(data.orgName);
  await expectFits(page, '/ledger with a search result');

  await page.goto('/ledger?q=0123456789abcdef0123');
  await expect(page.getByTestId('ledger-search-errors')).toBeVisible();
  await expectFits(page, '/ledger with a search error');
}

inEachViewAndLanguage(test, () => {
  test('the ledger page fits: long names, whole digests, search results and errors', async ({ page }) => {
    await checkPage(page);
  });
});

for (const locale of LOCALES) {
  test.describe(`on a 390 px phone, in ${locale}`, () => {
    test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    test('the ledger page fits', async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
      await checkPage(page);
    });
  });
}
