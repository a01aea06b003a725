import { createCaseLikeDemo, issueCertificateFor } from '../data/data';
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

test.describe('the public certificate pages (issue #17)', () => {
  let certificateId = '';

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    const made = await createCaseLikeDemo(0);
    const exhibit = made.exhibits.find((e) => e.verdict === 'not_found');
    if (!exhibit) throw new Error('the demo case has no not-found exhibit');
    certificateId = (await issueCertificateFor(exhibit.id)).id;
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    test(`${locale}: the lookup page, also with errors, and a certificate's page with its disclosures open`, async ({
      page,
      context,
      baseURL,
    }) => {
      await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
      await page.goto('/certificates');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByTestId('certificate-lookup-form').locator('button[type="submit"]').click();
      await expect(page.getByTestId('certificate-lookup-errors')).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.goto(`/certificates/${certificateId}`);
      await expect(page.getByTestId('browser-check')).toHaveAttribute('data-browser-check', 'ok', { timeout: 20_000 });
      for (const summary of await page.locator('main summary').all()) await summary.click();
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  }
});
