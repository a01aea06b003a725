/**
 * Issue #17, lists that scale: a case with 90 custody entries keeps a short case page (the newest
 * 5 and a link); the custody log page filters by kind, person and Beijing-time date, pages 25 at
 * a time, refuses malformed filters with the portal's error summary, and is the case's people's
 * only. Both languages; its own data (e2e/lists/make-lists-data.ts).
 */
import type { Page } from '@playwright/test';
import { demoEmail, expect, seriousA11yViolations, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { type CustodyData, contextAs, createCustodyData } from './lists.data';

let data: CustodyData;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  data = await createCustodyData();
});

/** "<what> · Verity…": the root layout adds the portal's name (in Chinese, "Verity 证链核验"). */
const titled = (what: string) => new RegExp(`^${what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · Verity`);
const rows = (page: Page) => page.getByTestId('custody-log-table').locator('tbody tr');
const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

for (const locale of ['zh-CN', 'en'] as const) {
  const zh = locale === 'zh-CN';

  test(`a case with ${90}+ custody entries keeps its page short (${locale})`, async ({ browser, baseURL }) => {
    expect(data.total).toBeGreaterThanOrEqual(90);
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const context = await contextAs(browser, { email: demoEmail('judge') }, locale, viewport, baseURL);
      const page = await context.newPage();
      await page.goto(`/cases/${data.caseId}`);
      const summary = page.getByTestId('custody-summary');
      await expect(summary.getByRole('heading', { name: zh ? '证据流转记录' : 'Custody log' })).toBeVisible();
      await expect(rows(page)).toHaveCount(5);
      // The newest first: the defendant's downloads were the last entries made.
      await expect(rows(page).first().locator('[data-action="exhibit.downloaded"]')).toHaveCount(1);
      await expect(page.getByTestId('custody-summary-count')).toContainText(String(data.total));
      const height = await pageHeight(page);
      // Before issue #17 the demo case page was 11,651 px at 1280 and 30,601 px at 390; this case's
      // names and titles are far longer (measured: about 1,760 px at 1280 and 3,830 px at 390).
      expect(height, `height at ${viewport.width} px`).toBeLessThan(viewport.width > 400 ? 4000 : 5000);
      expect(await overflowingElements(page)).toEqual([]);
      await context.close();
    }
  });

  test(`the custody log page filters by kind, person and date, and pages (${locale})`, async ({ browser, baseURL }) => {
    const context = await contextAs(browser, data.defendant, locale, undefined, baseURL);
    const page = await context.newPage();
    await page.goto(`/cases/${data.caseId}`);
    await page.getByTestId('custody-all-link').click();
    await expect(page).toHaveURL(new RegExp(`/cases/${data.caseId}/custody$`));
    await expect(page).toHaveTitle(
      titled(zh ? `证据流转记录 · ${data.caseNumber}` : `Custody log · ${data.caseNumber}`),
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh ? '证据流转记录' : 'Custody log');
    const total = Number((await page.getByTestId('custody-count').textContent())?.match(/\d+/)?.[0]);
    expect(total).toBeGreaterThanOrEqual(data.total);
    await expect(rows(page)).toHaveCount(25);

    // Pages: 25 a page, the last has the rest; next and previous links.
    const pages = Math.ceil(total / 25);
    await expect(page.getByTestId('custody-page-status')).toContainText(zh ? `共 ${pages} 页` : `of ${pages}`);
    await page.getByTestId('page-next').click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(rows(page)).toHaveCount(25);
    await page.goto(`/cases/${data.caseId}/custody?page=${pages}`);
    await expect(rows(page)).toHaveCount(total - 25 * (pages - 1));
    await expect(rows(page).last().locator('[data-action="case.created"]')).toHaveCount(1);

    // Kind: views and downloads.
    await page.goto(`/cases/${data.caseId}/custody`);
    const filters = page.getByTestId('custody-filters');
    await filters.getByLabel(zh ? '事项类型' : 'Kind of event').selectOption('people');
    await filters.getByRole('button', { name: zh ? '筛选' : 'Filter' }).click();
    await expect(page).toHaveURL(/kind=people/);
    // The clerk who opened the case (a member from the start), the two parties and the judge.
    await expect(page.getByTestId('custody-count')).toContainText('4');
    await expect(rows(page)).toHaveCount(4);
    for (const row of await rows(page).all()) {
      await expect(row.locator('[data-action="case.member_added"]')).toHaveCount(1);
    }

    // Person: the defendant's views and downloads: their 5 downloads (no spec here opens the exhibit).
    await filters.getByLabel(zh ? '事项类型' : 'Kind of event').selectOption('access');
    await filters
      .getByLabel(zh ? '操作人' : 'Who')
      .selectOption({ label: zh ? `${data.defendant.name}（当事人）` : `${data.defendant.name} (Litigant)` });
    await filters.getByRole('button', { name: zh ? '筛选' : 'Filter' }).click();
    await expect(page.getByTestId('custody-count')).toContainText('5');
    await expect(rows(page)).toHaveCount(5);

    // Dates: the judge's 40 views on 2026-03-03 (Beijing time), 2 pages.
    await filters.getByLabel(zh ? '操作人' : 'Who').selectOption('');
    await filters.getByLabel(zh ? '起始日期' : 'From').fill('2026-03-03');
    await filters.getByLabel(zh ? '截止日期' : 'To').fill('2026-03-03');
    await filters.getByRole('button', { name: zh ? '筛选' : 'Filter' }).click();
    await expect(page.getByTestId('custody-count')).toContainText('40');
    await expect(rows(page)).toHaveCount(25);
    for (const row of await rows(page).all()) await expect(row).toContainText(data.judgeName);
    // The next page keeps the filters.
    await page.getByTestId('page-next').click();
    await expect(page).toHaveURL(/kind=access/);
    await expect(page).toHaveURL(/from=2026-03-03/);
    await expect(rows(page)).toHaveCount(15);

    // Two days, both included: 80 views.
    await page.goto(`/cases/${data.caseId}/custody?kind=access&from=2026-03-02&to=2026-03-03`);
    await expect(page.getByTestId('custody-count')).toContainText('80');
    // Nothing matches: said so, with a way out.
    await page.goto(`/cases/${data.caseId}/custody?from=2027-01-01`);
    await expect(page.getByTestId('custody-log-empty')).toContainText(
      zh ? '没有符合筛选条件的记录' : 'No entry matches',
    );
    await page.getByRole('link', { name: zh ? '清除筛选' : 'Clear the filters' }).click();
    await expect(rows(page)).toHaveCount(25);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test(`malformed filters get the error summary, not an error page (${locale})`, async ({ browser, baseURL }) => {
    const context = await contextAs(browser, data.plaintiff, locale, undefined, baseURL);
    const page = await context.newPage();
    const response = await page.goto(
      `/cases/${data.caseId}/custody?kind=everything&person=nobody&from=2026-02-30&to=2026-01-01&page=x`,
    );
    expect(response?.status()).toBe(200);
    const summary = page.getByTestId('custody-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(zh ? '请从列表中选择事项类型' : 'Choose a kind of event');
    await expect(summary).toContainText(zh ? '请从列表中选择操作人' : 'Choose a person');
    await expect(summary).toContainText(zh ? '起始日期' : 'start date');
    await expect(summary).toContainText(zh ? '页码' : 'The page');
    await expect(page.getByTestId('custody-log-table')).toHaveCount(0);
    // Each error links to its field, which says what is wrong beside it.
    await summary
      .getByRole('link', { name: zh ? '请按“年-月-日”填写起始日期，例如 2026-05-01' : /start date/ })
      .click();
    await expect(page.locator('#custody-from')).toHaveAttribute('aria-invalid', 'true');
    // The end before the start.
    await page.goto(`/cases/${data.caseId}/custody?from=2026-03-04&to=2026-03-02`);
    await expect(page.getByTestId('custody-error-summary')).toContainText(
      zh ? '截止日期不能早于起始日期' : 'must not be before the start date',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
}

test('the custody log page is for the case’s people only; its title tells an outsider nothing', async ({
  browser,
  baseURL,
}) => {
  const context = await contextAs(browser, data.outsider, 'zh-CN', undefined, baseURL);
  const page = await context.newPage();
  for (const path of [`/cases/${data.caseId}/custody`, `/cases/${data.caseId}/custody?kind=bogus`]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    expect(await page.title()).not.toContain(data.caseNumber);
    await expect(page.locator('body')).not.toContainText(data.caseNumber);
  }
  await context.close();
});

for (const locale of ['zh-CN', 'en'] as const) {
  test(`the custody log page fits 360 px with long names (${locale})`, async ({ browser, baseURL }) => {
    const context = await contextAs(browser, data.plaintiff, locale, { width: 360, height: 780 }, baseURL);
    const page = await context.newPage();
    await page.goto(`/cases/${data.caseId}/custody?kind=access&from=2026-03-04`);
    await expect(rows(page).first()).toContainText(data.defendant.name);
    expect(await overflowingElements(page)).toEqual([]);
    await page.goto(`/cases/${data.caseId}/custody?kind=bad`);
    await expect(page.getByTestId('custody-error-summary')).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
    await context.close();
  });
}
