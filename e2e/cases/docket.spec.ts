import { randomInt } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { type DemoRole, demoEmail, expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';

/** A case number as court typography writes it (full-width brackets) that no other test (or earlier run) uses. */
function newCaseNumber(): string {
  return `（2026）京0491民初${randomInt(100_000, 99_999_999)}号`;
}

/** A page signed in as `who` in a browser context of its own (closed by `close`). */
async function pageOf(browser: Browser, who: DemoRole): Promise<Page> {
  const context = await browser.newContext();
  await signInOverHttp(context.request, demoEmail(who));
  return context.newPage();
}

async function close(...pages: Page[]): Promise<void> {
  await Promise.all(pages.map((p) => p.context().close()));
}

async function openCase(page: Page, caseNumber: string, title: string): Promise<string> {
  await page.goto('/cases/new');
  await page.getByLabel('案号').fill(caseNumber);
  await page.getByLabel('案件名称').fill(title);
  await page.getByLabel('案由').fill('网络服务合同纠纷');
  await page.getByRole('button', { name: '立案' }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/')[2] ?? '';
}

/** Finds the person by e-mail address with the manage page's search, then adds them in `role`. */
async function addPerson(page: Page, email: string, role: string): Promise<void> {
  await page.getByLabel('查找要添加的人员').fill(email);
  await page.getByTestId('person-search').getByRole('button', { name: '查找' }).click();
  await expect(page.getByTestId('person-search-result')).toHaveText('找到 1 人，请选择一人及其身份。');
  const form = page.getByTestId('add-member-form');
  await form.getByRole('radio', { name: email }).check();
  await form.getByRole('radio', { name: role, exact: true }).check();
  await form.getByRole('button', { name: '添加到案件' }).click();
  await expect(page.getByTestId('add-member-status')).toContainText(`身份加入本案`);
}

test('a clerk opens a case and assigns people; only they see it', async ({ page, signInAs, browser }) => {
  test.slow(); // four people sign in (argon2) and a dozen pages load
  await signInAs('clerk');
  await page.goto('/home');
  await page.getByRole('link', { name: '新建案件' }).click();
  await expect(page).toHaveURL(/\/cases\/new$/);

  const caseNumber = newCaseNumber();
  const title = `测试公司诉示范平台网络服务合同纠纷 ${caseNumber}`;
  // Half-width brackets, as a clerk may type them: stored with full-width ones, as courts write them.
  const typed = caseNumber.replace('（', '(').replace('）', ')');
  const caseId = await openCase(page, typed, title);

  await page.goto(`/cases/${caseId}/manage`);
  await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
  const people = page.getByTestId('case-people');
  await expect(people.locator('[data-role="clerk"]')).toContainText('赵书记员 Clerk Zhao');

  await addPerson(page, 'litigant@demo.verity', '原告');
  await expect(people.locator('[data-role="plaintiff"]')).toContainText('张明 Zhang Ming');
  await addPerson(page, 'judge@demo.verity', '审判员');
  await expect(people.locator('[data-role="judge"]')).toContainText('王审判员 Judge Wang');

  const litigant = await pageOf(browser, 'litigant');
  await litigant.goto('/home');
  const row = litigant.getByTestId('case-table').locator('tbody tr', { hasText: caseNumber });
  await expect(row).toContainText('原告');
  await expect(row).toContainText(title);

  const judge = await pageOf(browser, 'judge');
  await judge.goto('/home');
  await expect(judge.getByTestId('case-table')).toContainText(caseNumber);

  const defendant = await pageOf(browser, 'defendant');
  await defendant.goto('/home');
  await expect(defendant.getByTestId('case-table')).not.toContainText(caseNumber);
  const response = await defendant.goto(`/cases/${caseId}`);
  expect(response?.status()).toBe(404);
  await expect(defendant.getByTestId('notFound-heading')).toBeVisible();
  await expect(defendant.getByText(title)).toHaveCount(0);
  // The manage page is for clerks: anyone else gets the 403 page, whichever case it names.
  expect((await defendant.goto(`/cases/${caseId}/manage`))?.status()).toBe(403);
  expect((await litigant.goto(`/cases/${caseId}/manage`))?.status()).toBe(403);
  await close(litigant, judge, defendant);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the new-case form still explains mistakes and opens the case', async ({ page, signInAs }) => {
    await signInAs('clerk');
    await page.goto('/cases/new');
    await page.getByLabel('案号').fill('(2026)京0491民初');
    await page.getByLabel('案件名称').fill('无脚本立案');
    await page.getByRole('button', { name: '立案' }).click();
    const summary = page.getByTestId('new-case-errors');
    await expect(summary).toContainText('请按（2026）京0491民初1234号的格式输入案号');
    await expect(summary).toContainText('请输入案由');
    await expect(page.getByLabel('案件名称')).toHaveValue('无脚本立案');

    const caseNumber = newCaseNumber();
    await page.getByLabel('案号').fill(caseNumber);
    await page.getByLabel('案由').fill('网络侵权责任纠纷');
    await page.getByRole('button', { name: '立案' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`/cases/${caseId}/manage`);
    await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
  });
});

test('a clerk edits the case and removes a person, and mistakes are explained at the field', async ({
  page,
  signInAs,
}) => {
  await signInAs('clerk');
  const caseNumber = newCaseNumber();
  const caseId = await openCase(page, caseNumber, '待修改的案件');

  // The same number again is refused, with the number named.
  await page.goto('/cases/new');
  await page.getByLabel('案号').fill(caseNumber);
  await page.getByLabel('案件名称').fill('重复的案件');
  await page.getByLabel('案由').fill('案由');
  await page.getByRole('button', { name: '立案' }).click();
  const summary = page.getByTestId('new-case-errors');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(`案号${caseNumber}已在案件目录中`);
  await expect(page.getByLabel('案件名称')).toHaveValue('重复的案件');

  // A malformed number is refused with the expected form.
  await page.getByLabel('案号').fill('2026-1234');
  await page.getByRole('button', { name: '立案' }).click();
  await expect(summary).toContainText('请按（2026）京0491民初1234号的格式输入案号');
  await summary.getByRole('link').first().click();
  await expect(page.getByLabel('案号')).toBeFocused();

  await page.goto(`/cases/${caseId}/manage`);
  const details = page.getByTestId('case-details-form');
  await details.getByLabel('案件名称').fill('');
  await details.getByRole('button', { name: '保存案件信息' }).click();
  await expect(page.getByTestId('case-details-errors')).toContainText('请输入案件名称');

  await details.getByLabel('案件名称').fill('已修改的案件');
  await details.getByRole('radio', { name: '已结案' }).check();
  await details.getByRole('button', { name: '保存案件信息' }).click();
  await expect(page.getByTestId('case-details-status')).toHaveText('案件信息已保存。');
  await page.reload();
  await expect(details.getByLabel('案件名称')).toHaveValue('已修改的案件');
  await expect(details.getByRole('radio', { name: '已结案' })).toBeChecked();

  await addPerson(page, 'litigant@demo.verity', '被告');
  const defendants = page.getByTestId('case-people').locator('[data-role="defendant"]');
  await expect(defendants).toContainText('张明 Zhang Ming');
  await page.getByRole('button', { name: '移除被告张明 Zhang Ming' }).click();
  await expect(page.getByTestId('case-people-status')).toHaveText('张明 Zhang Ming已不再以被告身份参与本案。');
  await expect(defendants).toContainText('暂无');
});

test.describe('on a 390 px wide phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the new-case and manage pages fit, with no serious accessibility problems', async ({ page, signInAs }) => {
    await signInAs('clerk');
    const caseId = await openCase(page, newCaseNumber(), '手机上创建的案件');
    for (const path of ['/cases/new', `/cases/${caseId}/manage`]) {
      await page.goto(path);
      expect(await overflowingElements(page), path).toEqual([]);
      expect(await seriousA11yViolations(page), path).toEqual([]);
    }
  });
});
