/**
 * Issue #17, lists that scale: a case's exhibits on its page 25 at a time (the heading counts them
 * all), in both languages, fitting 360 px. Its own data: a case with 30 exhibits.
 */
import { expect, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { contextAs, createExhibitsData, type ExhibitsData } from './lists.data';

let data: ExhibitsData;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  data = await createExhibitsData();
});

for (const locale of ['zh-CN', 'en'] as const) {
  test(`a case's 30 exhibits come 25 a page (${locale})`, async ({ browser, baseURL }) => {
    const context = await contextAs(browser, data.plaintiff, locale, { width: 360, height: 780 }, baseURL);
    const page = await context.newPage();
    await page.goto(`/cases/${data.caseId}`);
    await expect(page.locator('#exhibits-heading')).toContainText('30');
    const rows = page.getByTestId('exhibit-table').locator('tbody tr');
    await expect(rows).toHaveCount(25);
    await expect(rows.first()).toContainText('_number_1_');
    expect(await overflowingElements(page)).toEqual([]);
    await page.getByTestId('page-next').click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(rows).toHaveCount(5);
    await expect(rows.last()).toContainText('_number_30_');
    await page.goto(`/cases/${data.caseId}?page=junk`);
    await expect(rows).toHaveCount(25);
    await context.close();
  });
}
