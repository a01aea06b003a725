/**
 * Issue #17: the deposit history fits a 360 px phone and a desktop in both languages, with an
 * organisation of a long name, a full page of deposits with long titles and both digests, the
 * second page, and the search form showing its errors; and the deposit page's certificate buttons
 * fit beside a receipt.
 */
import type { Page } from '@playwright/test';
import { createDepositHistory, type DepositHistoryData } from '../data/data';
import { expect, signInOverHttp, test } from '../fixtures';
import { inEachViewAndLanguage, overflowingElements } from './overflow';

let data: DepositHistoryData;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  data = await createDepositHistory(30);
});

async function expectFits(page: Page, what: string): Promise<void> {
  expect(await overflowingElements(page), what).toEqual([]);
}

inEachViewAndLanguage(test, () => {
  test('the deposit history fits: a full page of long titles, the next page, and errors', async ({ page }) => {
    await signInOverHttp(page.request, data.depositor.email, data.depositor.password);
    await page.goto('/deposit/history');
    await expect(page.getByText(data.orgName).first()).toBeVisible();
    const rows = page.getByTestId('history-table').locator('tbody tr');
    await expect(rows).toHaveCount(25);
    // Newest first: the batch shares one time, so the order is by ID within it.
    await expect(page.getByTestId('history-title').first()).toContainText('作品著作权许可使用合同');
    await expectFits(page, '/deposit/history');

    await page.getByTestId('page-next').click();
    await expect(rows).toHaveCount(5);
    await expectFits(page, '/deposit/history?page=2');

    await page.goto('/deposit/history?digest=xyz&from=2026-12-07&to=2026-12-06');
    await expect(page.getByTestId('history-errors').locator('li')).toHaveCount(2);
    await expectFits(page, '/deposit/history with errors');
  });
});
