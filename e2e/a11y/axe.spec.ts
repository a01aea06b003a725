import { type DemoRole, expect, seriousA11yViolations, test } from '../fixtures';
import {
  chooseFiles,
  demoFile,
  fileRow,
  openVerifyPage,
  sealedDeposit,
  withOneByteChanged,
} from '../verify/verify.helpers';

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

// Issue #17: /verify's verdict panels — consistent with its limits, not found with the invitation,
// the deposit ID field naming the file it will compare, and does not match — in both languages.
for (const locale of ['zh-CN', 'en'] as const) {
  test(`the verify page's verdicts have no serious accessibility violations, in ${locale}`, async ({
    page,
    context,
    baseURL,
  }) => {
    test.setTimeout(90_000); // four axe runs and three checks that wait for the ledger
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    const file = demoFile(0);
    const deposit = await sealedDeposit(page.request, file.sha256);
    await openVerifyPage(page);
    await chooseFiles(page, file.path);
    await expect(fileRow(page, file.name).getByTestId('verdict-limits')).toBeVisible({ timeout: 20_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await chooseFiles(page, {
      name: 'changed.pdf',
      mimeType: 'application/pdf',
      buffer: withOneByteChanged(file.bytes),
    });
    const changed = fileRow(page, 'changed.pdf');
    await expect(changed).toHaveAttribute('data-verdict', 'not_found', { timeout: 20_000 });
    await expect(changed.getByTestId('verdict-panel')).toBeFocused();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await changed.getByTestId('verdict-invite').getByRole('button').click();
    await page.locator('#deposit-id').fill(deposit.id);
    await expect(page.getByTestId('compare-with')).toContainText('changed.pdf');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator('main form button[type="submit"]').click();
    await expect(changed).toHaveAttribute('data-verdict', 'tampered', { timeout: 20_000 });
    for (const summary of await page.locator('main summary').all()) await summary.click();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
}
