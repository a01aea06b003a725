/**
 * Issue #17, lists that scale: the docket (each person's home page) searched by case number —
 * half-width or full-width parentheses alike — by party and by status, 25 cases a page, each
 * person seeing only their own cases, malformed searches refused in the error summary. Both
 * languages; its own data (a litigant with 30 cases, e2e/lists/make-lists-data.ts).
 */
import type { Page } from '@playwright/test';
import { demoEmail, expect, seriousA11yViolations, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { contextAs, createDocketData, type DocketData } from './lists.data';

let data: DocketData;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  data = await createDocketData();
});

const caseRows = (page: Page) => page.getByTestId('case-table').locator('tbody tr');
// The stored numbers are full-width; a clerk may type them half-width.
const half = (n: string) => n.replace('（', '(').replace('）', ')');
const num = (i: number) => data.numbers[i] ?? '';

for (const locale of ['zh-CN', 'en'] as const) {
  const zh = locale === 'zh-CN';
  const L = {
    number: zh ? '案号' : 'Case number',
    party: zh ? '当事人' : 'Party',
    status: zh ? '状态' : 'Status',
    search: zh ? '查找' : 'Search',
  };

  test(`a litigant pages through their 30 cases and searches them (${locale})`, async ({ browser, baseURL }) => {
    test.slow(); // a dozen searches
    const context = await contextAs(browser, data.litigant, locale, undefined, baseURL);
    const page = await context.newPage();
    await page.goto('/home');
    await expect(page.getByTestId('docket-count')).toHaveText(zh ? '共 30 件' : '30 cases');
    await expect(caseRows(page)).toHaveCount(25);
    await expect(caseRows(page).first()).toContainText(num(29)); // newest first
    await page.getByTestId('page-next').click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(caseRows(page)).toHaveCount(5);
    await expect(caseRows(page).last()).toContainText(num(0));
    await page.getByTestId('page-previous').click();
    await expect(caseRows(page)).toHaveCount(25);

    const form = page.getByTestId('docket-search');
    // By number, typed with full-width parentheses or half-width ones: the same case.
    for (const typed of [half(num(7)), num(7), ` ${half(num(7))} `]) {
      await form.getByLabel(L.number).fill(typed);
      await form.getByRole('button', { name: L.search }).click();
      await expect(caseRows(page)).toHaveCount(1);
      await expect(caseRows(page).first()).toContainText(num(7));
      await expect(page.getByTestId('docket-count')).toHaveText(zh ? '符合条件的案件共 1 件' : '1 case matches');
    }
    // Part of a number.
    await form.getByLabel(L.number).fill(`民初${data.base}1`);
    await form.getByRole('button', { name: L.search }).click();
    await expect(caseRows(page)).toHaveCount(10);

    // By party: the other side's name.
    await form.getByLabel(L.number).fill('');
    await form.getByLabel(L.party).fill(data.defendant.name.slice(0, 12));
    await form.getByRole('button', { name: L.search }).click();
    await expect(caseRows(page)).toHaveCount(1);
    await expect(caseRows(page).first()).toContainText(num(7));

    // By status, and pages that keep the search.
    await form.getByLabel(L.party).fill('');
    await form.getByLabel(L.status).selectOption('closed');
    await form.getByRole('button', { name: L.search }).click();
    await expect(caseRows(page)).toHaveCount(3);
    await form.getByLabel(L.status).selectOption('open');
    await form.getByRole('button', { name: L.search }).click();
    await expect(page.getByTestId('docket-count')).toContainText('27');
    await page.getByTestId('page-next').click();
    await expect(page).toHaveURL(/status=open/);
    await expect(caseRows(page)).toHaveCount(2);

    // Nothing found: said so.
    await page.goto(`/home?number=${encodeURIComponent('（1999）京0491民初1号')}`);
    await expect(page.getByTestId('docket-none')).toBeVisible();
    await expect(page.getByTestId('case-table')).toHaveCount(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test(`malformed searches get the error summary (${locale})`, async ({ browser, baseURL }) => {
    const context = await contextAs(browser, data.litigant, locale, undefined, baseURL);
    const page = await context.newPage();
    const response = await page.goto(`/home?status=pending&page=zero&party=${'名'.repeat(101)}`);
    expect(response?.status()).toBe(200);
    const summary = page.getByTestId('docket-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(zh ? '请从列表中选择状态' : 'Choose a status');
    await expect(summary).toContainText(zh ? '当事人最多 100 个字' : 'at most 100 characters');
    await expect(summary).toContainText(zh ? '页码' : 'The page');
    await expect(page.locator('#docket-status')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('case-table')).toHaveCount(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
}

test('each person searches only their own cases; the clerk, the court’s docket', async ({ browser, baseURL }) => {
  const q = `/home?number=${encodeURIComponent(`民初${data.base}`)}`;
  // The demo litigant is no party to these cases: nothing, whatever the search.
  const other = await contextAs(browser, { email: demoEmail('litigant') }, 'zh-CN', undefined, baseURL);
  const otherPage = await other.newPage();
  await otherPage.goto(q);
  await expect(otherPage.getByTestId('docket-none')).toBeVisible();
  await otherPage.goto(`/home?party=${encodeURIComponent(data.defendant.name)}`);
  await expect(otherPage.getByTestId('docket-none')).toBeVisible();
  await other.close();
  // The defendant of case 07 sees that one case.
  const defendant = await contextAs(browser, data.defendant, 'zh-CN', undefined, baseURL);
  const defendantPage = await defendant.newPage();
  await defendantPage.goto(q);
  await expect(caseRows(defendantPage)).toHaveCount(1);
  await expect(caseRows(defendantPage).first()).toContainText('被告');
  await defendant.close();
  // The court's clerk: all 30, on two pages.
  const clerk = await contextAs(browser, { email: demoEmail('clerk') }, 'zh-CN', undefined, baseURL);
  const clerkPage = await clerk.newPage();
  await clerkPage.goto(q);
  await expect(clerkPage.getByTestId('docket-count')).toHaveText('符合条件的案件共 30 件');
  await clerk.close();
});

for (const locale of ['zh-CN', 'en'] as const) {
  test(`the docket fits 360 px, searched and with errors (${locale})`, async ({ browser, baseURL }) => {
    const context = await contextAs(browser, data.defendant, locale, { width: 360, height: 780 }, baseURL);
    const page = await context.newPage();
    await page.goto(`/home?party=${encodeURIComponent(data.defendant.name)}`);
    await expect(caseRows(page)).toHaveCount(1);
    expect(await overflowingElements(page)).toEqual([]);
    await page.goto(`/home?status=bogus`);
    await expect(page.getByTestId('docket-error-summary')).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
    await context.close();
  });
}
