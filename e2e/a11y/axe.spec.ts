import { type DemoRole, expect, seriousA11yViolations, test } from '../fixtures';

test('the sign-in page has no serious accessibility violations, also with errors shown', async ({ page }) => {
  await page.goto('/sign-in');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert', { name: '请更正以下问题' })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});

for (const who of ['litigant', 'judge', 'clerk', 'admin'] as DemoRole[]) {
  test(`the ${who} home page has no serious accessibility violations`, async ({ page, signInAs }) => {
    await signInAs(who);
    await page.goto('/home');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
}

test('the 403 page has no serious accessibility violations', async ({ page, signInAs }) => {
  await signInAs('litigant');
  await page.goto('/admin/users');
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('the sign-in form works with the keyboard alone', async ({ page }) => {
  await page.goto('/sign-in');
  await page.keyboard.press('Tab'); // skip link first
  await expect(page.getByRole('link', { name: '跳到主要内容' })).toBeFocused();
  await page.getByLabel('电子邮箱').focus();
  await page.keyboard.type('clerk@demo.verity');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('密码')).toBeFocused();
  await page.keyboard.type('verity-demo-2026');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/home$/);
});

// Issue #17, lists that scale: the docket's search and the custody log page, also with errors.
test('the docket search and the custody log page have no serious accessibility violations, also with errors', async ({
  page,
  signInAs,
}) => {
  await signInAs('judge');
  await page.goto(`/home?number=${encodeURIComponent('(2026)京0491民初1234号')}&status=open`);
  await expect(page.getByTestId('case-table')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  const href = (await page.getByTestId('case-link').first().getAttribute('href')) ?? '';
  await page.goto('/home?status=bogus');
  await expect(page.getByTestId('docket-error-summary')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto(`${href}/custody?from=2020-01-01`);
  await expect(page.getByTestId('custody-log-table')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto(`${href}/custody?kind=bogus&from=2026-13-01`);
  await expect(page.getByTestId('custody-error-summary')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});
