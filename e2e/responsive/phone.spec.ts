import { expect, test } from '../fixtures';

test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });

async function expectNoHorizontalScroll(page: import('@playwright/test').Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test('sign-in fits a 360 px wide phone', async ({ page }) => {
  await page.goto('/sign-in');
  await expectNoHorizontalScroll(page);
  await expect(page.getByLabel('电子邮箱')).toBeVisible();
});

for (const who of ['clerk', 'admin'] as const) {
  test(`the ${who} home page fits a 360 px wide phone`, async ({ page, signInAs }) => {
    await signInAs(who);
    await page.goto('/home');
    await expectNoHorizontalScroll(page);
    await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
  });
}
