import { expect, test } from '../fixtures';

test('an unauthenticated request to a portal page is redirected to sign-in', async ({ page }) => {
  for (const path of ['/home', '/admin/users', '/']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fhome|\/sign-in\?callbackUrl=%2Fadmin%2Fusers/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录 Verity 证链核验');
  }
});

test('the raw response for an unauthenticated portal page is a redirect, not the page', async ({ request }) => {
  const response = await request.get('/home', { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toBe('/sign-in?callbackUrl=%2Fhome');
});

for (const who of ['litigant', 'judge', 'clerk'] as const) {
  test(`a ${who} is refused the admin page with a 403 page`, async ({ page, signInAs }) => {
    await signInAs(who);
    const response = await page.goto('/admin/users');
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('forbidden-heading')).toHaveText('您无权访问此页面');
    await expect(page.getByTestId('user-table')).toHaveCount(0);
    await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
    await expect(page.getByRole('banner')).toHaveCount(1); // one header, not the layout's and the error page's
  });
}

test('an admin sees the users page', async ({ page, signInAs }) => {
  await signInAs('admin');
  const response = await page.goto('/admin/users');
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('user-table')).toContainText('litigant@demo.verity');
});

test('an unknown page is a 404 page', async ({ page, signInAs }) => {
  await signInAs('judge');
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('notFound-heading')).toHaveText('页面不存在');
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
});

test('signing out ends the session', async ({ page, signInAs }) => {
  await signInAs('clerk');
  await page.goto('/home');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/home');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fhome/);
});
