import { DEMO_USERS } from '../../prisma/seed/demo-data';
import { expect, test } from '../fixtures';

// Other specs add cases and accounts of their own while these run (e2e/data), so these look for
// the demo data they name, never at how many rows a list has.

const OWN_CASE = '（2026）京0491民初1234号';
const OTHER_CASE = '（2026）京0491民初1235号';

test('a litigant sees only the cases they are a party to, with their role', async ({ page, signInAs }) => {
  await signInAs('litigant');
  await page.goto('/home');
  const table = page.getByTestId('case-table');
  await expect(table).toContainText(OWN_CASE);
  await expect(table).toContainText('原告');
  await expect(table).not.toContainText(OTHER_CASE);
});

test('the defendant sees both their cases with the right role in each', async ({ page, signInAs }) => {
  await signInAs('defendant');
  await page.goto('/home');
  const rows = page.getByTestId('case-table').locator('tbody tr');
  await expect(rows.filter({ hasText: OWN_CASE })).toContainText('被告');
  await expect(rows.filter({ hasText: OTHER_CASE })).toContainText('原告');
});

test('a judge sees the cases assigned to them', async ({ page, signInAs }) => {
  await signInAs('judge');
  await page.goto('/home');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('我的案件');
  // Both demo cases; e2e/cases/docket.spec.ts may assign the demo judge to more meanwhile.
  const table = page.getByTestId('case-table');
  await expect(table).toContainText(OWN_CASE);
  await expect(table).toContainText(OTHER_CASE);
});

test("a clerk sees the court's docket", async ({ page, signInAs }) => {
  await signInAs('clerk');
  await page.goto('/home');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('法院案件目录');
  await expect(page.getByText('示范互联网法院的全部案件。')).toBeVisible();
  await expect(page.getByTestId('case-table')).toContainText(OTHER_CASE);
});

test('an administrator lands on the list of users and sees no cases', async ({ page, signInAs }) => {
  await signInAs('admin');
  await page.goto('/home');
  const users = page.getByTestId('user-table');
  for (const user of DEMO_USERS) await expect(users.locator('tbody tr', { hasText: user.email })).toHaveCount(1);
  await expect(page.getByTestId('case-table')).toHaveCount(0);
  await expect(page.getByTestId('signed-in-as')).toHaveText('当前用户：系统管理员 Administrator（管理员）');
});
