/**
 * Issue #17, lists that scale: on the manage page a clerk finds the person to add by a search
 * (name or e-mail, case-insensitive) among many accounts, sees at most 20 with "more than 20
 * match", narrows the search and adds the person; in both languages, and without JavaScript.
 * Its own data: a case and 45 litigants sharing a tag, and one litigant per test to add.
 */
import type { Page } from '@playwright/test';
import { demoEmail, expect, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { contextAs } from './lists.data';
import { createPeopleData, type PeopleData } from './picker.data';

let data: PeopleData;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  data = await createPeopleData();
});

const WORDS = {
  'zh-CN': {
    search: '查找要添加的人员',
    submit: '查找',
    clear: '清除查找',
    prompt: '请先按姓名或电子邮箱查找，再从结果中选择要添加的人员。',
    truncated: '符合条件的超过 20 人，下面只列出前 20 人。请输入更完整的姓名或电子邮箱以缩小范围。',
    found: '找到 1 人，请选择一人及其身份。',
    none: '没有找到与',
    person: '人员',
    plaintiff: '原告',
    defendant: '被告',
    add: '添加到案件',
    added: (name: string) => `${name}已以被告身份加入本案。`,
    missing: '请选择要添加的人员',
  },
  en: {
    search: 'Find the person to add',
    submit: 'Search',
    clear: 'Clear the search',
    prompt: 'Search by name or e-mail address first, then choose the person to add from the results.',
    truncated:
      'More than 20 people match; only the first 20 are listed. Type more of the name or e-mail address to narrow the search.',
    found: '1 person found: choose one and their role.',
    none: 'Nobody who can be added matches',
    person: 'Person',
    plaintiff: 'Plaintiff',
    defendant: 'Defendant',
    add: 'Add to the case',
    added: (name: string) => `${name} is now on the case as Defendant.`,
    missing: 'Choose the person to add',
  },
} as const;

async function search(page: Page, w: (typeof WORDS)[keyof typeof WORDS], text: string): Promise<void> {
  await page.getByLabel(w.search).fill(text);
  await page.getByTestId('person-search').getByRole('button', { name: w.submit, exact: true }).click();
  await expect(page).toHaveURL(/[?&]who=/);
}

for (const locale of ['zh-CN', 'en'] as const) {
  test(`a clerk finds one person among many by search and adds them (${locale})`, async ({ browser, baseURL }) => {
    test.slow();
    const w = WORDS[locale];
    const target = locale === 'en' ? data.targets.en : data.targets.zh;
    const context = await contextAs(browser, { email: demoEmail('clerk') }, locale, undefined, baseURL);
    const page = await context.newPage();
    await page.goto(`/cases/${data.caseId}/manage`);
    // Nobody is listed before a search: no select of every account.
    await expect(page.getByTestId('person-search-result')).toHaveText(w.prompt);
    await expect(page.getByTestId('add-member-form')).toHaveCount(0);
    await expect(page.locator('select[name=userId]')).toHaveCount(0);

    // The tag matches 48 litigants: 20 are shown, with the advice to narrow the search. Capitals do
    // not matter; the other court's judge and the case's own parties are never offered.
    await search(page, w, data.tag.toUpperCase());
    await expect(page.getByTestId('person-search-result')).toHaveText(w.truncated);
    const results = page.getByTestId('person-results').getByRole('radio');
    await expect(results).toHaveCount(20);
    await expect(page.getByTestId('person-results')).not.toContainText(data.foreignJudge.name);
    await expect(page.getByLabel(w.search)).toHaveValue(data.tag.toUpperCase());

    // Submitting without choosing anyone is explained at the list.
    await page.getByTestId('add-member-form').getByRole('radio', { name: w.defendant, exact: true }).check();
    await page.getByRole('button', { name: w.add }).click();
    await expect(page.getByTestId('add-member-errors')).toContainText(w.missing);

    // Part of the e-mail address finds exactly the one person.
    await search(page, w, target.email.split('@')[0]?.toUpperCase() ?? '');
    await expect(page.getByTestId('person-search-result')).toHaveText(w.found);
    const form = page.getByTestId('add-member-form');
    await expect(form.getByRole('radio', { name: target.email })).toBeChecked(); // the only one
    await form.getByRole('radio', { name: w.defendant, exact: true }).check();
    await form.getByRole('button', { name: w.add }).click();
    await expect(page.getByTestId('add-member-status')).toHaveText(w.added(target.name));
    await expect(page.getByTestId('case-people').locator('[data-role="defendant"]')).toContainText(target.name);
    // Now on the case: no longer offered.
    await page.reload();
    await expect(page.getByTestId('person-search-result')).toContainText(w.none);
    // "Clear" goes back to the empty search.
    await page.getByRole('link', { name: w.clear }).click();
    await expect(page.getByTestId('person-search-result')).toHaveText(w.prompt);
    await context.close();
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the search and the add form work as plain forms', async ({ browser, baseURL }) => {
    const w = WORDS['zh-CN'];
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: baseURL ?? '' }]);
    await signInOverHttp(context.request, demoEmail('clerk'));
    const page = await context.newPage();
    await page.goto(`/cases/${data.caseId}/manage`);
    await search(page, w, data.targets.noJs.name);
    await expect(page.getByTestId('person-search-result')).toHaveText(w.found);
    const form = page.getByTestId('add-member-form');
    await form.getByRole('radio', { name: w.plaintiff, exact: true }).check();
    await form.getByRole('button', { name: w.add }).click();
    await expect(page.getByTestId('case-people').locator('[data-role="plaintiff"]')).toContainText(
      data.targets.noJs.name,
    );
    await context.close();
  });
});

test.describe('on a 360 px wide phone', () => {
  test('the manage page with 20 long results fits', async ({ browser, baseURL }) => {
    const context = await contextAs(browser, { email: demoEmail('clerk') }, 'en', { width: 360, height: 780 }, baseURL);
    const page = await context.newPage();
    await page.goto(`/cases/${data.caseId}/manage?who=${data.tag}`);
    await expect(page.getByTestId('person-results').getByRole('radio')).toHaveCount(20);
    expect(await overflowingElements(page)).toEqual([]);
    await context.close();
  });
});
