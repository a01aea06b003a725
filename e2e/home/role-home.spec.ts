import { DEMO_USERS } from '../../prisma/seed/demo-data';
import { expect, test } from '../fixtures';

// Other specs add cases and accounts of their own while these run (e2e/data), so these look for
// the demo data they name, never at how many rows a list has; and since the docket is paged
// (25 newest first, issue #17), they search for the demo case by its number.

const OWN_CASE = '（2026）京0491民初1234号';
const OTHER_CASE = '（2026）京0491民初1235号';
const search = (number: string) => `/home?number=${encodeURIComponent(number)}`;
/** The demo case numbers, however the docket writes their parentheses. */
const shown = (number: string) => new RegExp(number.replace(/[()]/g, '[(（)）]'));

test('a litigant sees only the cases they are a party to, with their role', async ({ page, signInAs }) => {
  await signInAs('litigant');
  await page.goto(search(OWN_CASE));
  const table = page.getByTestId('case-table');
  await expect(table).toContainText(shown(OWN_CASE));
  await expect(table).toContainText('原告');
  await page.goto(search(OTHER_CASE));
  await expect(page.getByTestId('case-table')).toHaveCount(0);
  await expect(page.getByTestId('docket-none')).toBeVisible();
});

test('the defendant sees both their cases with the right role in each', async ({ page, signInAs }) => {
  await signInAs('defendant');
  await page.goto(search('(2026)京0491民初123'));
  const rows = page.getByTestId('case-table').locator('tbody tr');
  await expect(rows.filter({ hasText: shown(OWN_CASE) })).toContainText('被告');
  await expect(rows.filter({ hasText: shown(OTHER_CASE) })).toContainText('原告');
});

test('a judge sees the cases assigned to them', async ({ page, signInAs }) => {
  await signInAs('judge');
  await page.goto('/home');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('我的案件');
  // Both demo cases; other specs may assign the demo judge to more meanwhile.
  for (const number of [OWN_CASE, OTHER_CASE]) {
    await page.goto(search(number));
    await expect(page.getByTestId('case-table')).toContainText(shown(number));
  }
});

test("a clerk sees the court's docket", async ({ page, signInAs }) => {
  await signInAs('clerk');
  await page.goto('/home');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('法院案件目录');
  await expect(page.getByText('示范互联网法院的全部案件。')).toBeVisible();
  await page.goto(search(OTHER_CASE));
  await expect(page.getByTestId('case-table')).toContainText(shown(OTHER_CASE));
});

test('an administrator lands on the list of users and sees no cases', async ({ page, signInAs }) => {
  await signInAs('admin');
  await page.goto('/home');
  // The first page of the accounts (issue #17: paged), and the way to all of them.
  await expect(page.getByTestId('user-table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('home-accounts-count')).toContainText('个账户');
  await page.getByRole('link', { name: /在“人员”页查找和管理全部/ }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  for (const user of DEMO_USERS) {
    await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
    await expect(page.getByTestId('user-table').locator('tbody tr', { hasText: user.email })).toHaveCount(1);
  }
  await page.goto('/home');
  await expect(page.getByTestId('case-table')).toHaveCount(0);
  await expect(page.getByTestId('signed-in-as')).toHaveText('当前用户：系统管理员 Administrator（管理员）');
});
