/**
 * Issue #17, basics: the case's pages name the case and exhibit in their titles, in both
 * languages — for the people who may see them only (an outsider's 404 names nothing).
 */
import { demoEmail, expect, test } from '../fixtures';
import { type CustodyData, contextAs, createCustodyData } from './lists.data';

let data: CustodyData;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  data = await createCustodyData();
});

/** "<what> · Verity…": the root layout adds the portal's name (in Chinese, "Verity 证链核验"). */
const titled = (what: string) => new RegExp(`^${what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · Verity`);

/** As components/cases/page-title.ts cuts a long exhibit title: 39 characters and "…". */
const short = (title: string) => {
  const chars = [...title];
  return chars.length <= 40 ? title : `${chars.slice(0, 39).join('')}…`;
};

for (const locale of ['zh-CN', 'en'] as const) {
  const zh = locale === 'zh-CN';
  test(`case, exhibit, custody and manage pages are titled with the case and exhibit (${locale})`, async ({
    browser,
    baseURL,
  }) => {
    const context = await contextAs(browser, data.plaintiff, locale, undefined, baseURL);
    const page = await context.newPage();
    await page.goto(`/cases/${data.caseId}`);
    await expect(page).toHaveTitle(titled(zh ? `案件 ${data.caseNumber}` : `Case ${data.caseNumber}`));
    await page.goto(`/cases/${data.caseId}/exhibits/${data.exhibitId}`);
    await expect(page).toHaveTitle(
      titled(
        zh
          ? `第 1 号证据 · ${short(data.exhibitTitle)} · ${data.caseNumber}`
          : `Exhibit 1 · ${short(data.exhibitTitle)} · ${data.caseNumber}`,
      ),
    );
    await page.goto(`/cases/${data.caseId}/custody`);
    await expect(page).toHaveTitle(
      titled(zh ? `证据流转记录 · ${data.caseNumber}` : `Custody log · ${data.caseNumber}`),
    );
    await context.close();

    const clerk = await contextAs(browser, { email: demoEmail('clerk') }, locale, undefined, baseURL);
    const clerkPage = await clerk.newPage();
    await clerkPage.goto(`/cases/${data.caseId}/manage`);
    await expect(clerkPage).toHaveTitle(
      titled(zh ? `管理案件 · ${data.caseNumber}` : `Manage case ${data.caseNumber}`),
    );
    await clerk.close();
  });
}

test('an outsider’s 404 pages name neither the case nor the exhibit', async ({ browser, baseURL }) => {
  const context = await contextAs(browser, data.outsider, 'zh-CN', undefined, baseURL);
  const page = await context.newPage();
  const exhibit = `/cases/${data.caseId}/exhibits/${data.exhibitId}`;
  for (const path of [`/cases/${data.caseId}`, exhibit, `/cases/${data.caseId}/custody`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    const title = await page.title();
    expect(title, path).not.toContain(data.caseNumber);
    expect(title, path).not.toContain(data.exhibitTitle.slice(0, 10));
  }
  await context.close();
});
