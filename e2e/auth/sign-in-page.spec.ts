import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../prisma/seed/demo-data';
import { createUser } from '../data/data';
import { type DemoRole, demoEmail, expect, test } from '../fixtures';

// The one spec that drives the sign-in form; everything else signs in over HTTP.
const HOME: Record<DemoRole, { role: string; heading: string }> = {
  litigant: { role: 'litigant', heading: '我的案件' },
  defendant: { role: 'litigant', heading: '我的案件' },
  judge: { role: 'judge', heading: '我的案件' },
  clerk: { role: 'clerk', heading: '法院案件目录' },
  admin: { role: 'admin', heading: '用户' },
  depositor: { role: 'depositor', heading: '电子数据存证' },
};

for (const who of Object.keys(HOME) as DemoRole[]) {
  test(`${who} signs in through the form and sees the ${HOME[who].role} home page`, async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('电子邮箱').fill(demoEmail(who));
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.locator(`[data-home-role="${HOME[who].role}"]`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: HOME[who].heading })).toBeVisible();
  });
}

test('a wrong password is refused with a clear message and no session', async ({ page }) => {
  // An account of its own: failures count towards a lock, which must not fall on anyone else's test.
  const user = await createUser();
  await page.goto('/sign-in');
  await page.getByLabel('电子邮箱').fill(user.email);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('电子邮箱或密码不正确，请检查后重试。');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/home');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fhome/);
});

test('empty fields are named, with links to them', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  const summary = page.getByRole('alert', { name: '请更正以下问题' });
  await expect(summary.getByRole('link', { name: '请输入电子邮箱，例如 name@example.com' })).toHaveAttribute(
    'href',
    '#email',
  );
  await expect(summary.getByRole('link', { name: '请输入密码' })).toHaveAttribute('href', '#password');
  await expect(page.getByLabel('电子邮箱')).toHaveAttribute('aria-invalid', 'true');
});

test('repeated failures lock the account and say for how long', async ({ page }) => {
  const email = `nobody-${randomUUID()}@example.com`;
  await page.goto('/sign-in');
  await page.getByLabel('电子邮箱').fill(email);
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel('密码').fill(`wrong-${i}`);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByRole('button', { name: '登录', exact: true })).toBeEnabled();
  }
  await expect(page.getByTestId('sign-in-error')).toHaveText('登录失败次数过多，请等待 15 分钟后再试。');
});

test('after signing in the user returns to the page they asked for', async ({ page }) => {
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fusers$/);
  await page.getByLabel('电子邮箱').fill(demoEmail('admin'));
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  // (The list is paged and other specs add people, so which accounts are on page 1 varies.)
  await expect(page.getByTestId('user-table')).toBeVisible();
  await expect(page.getByTestId('user-table').locator('tbody tr').first()).toBeVisible();
});

test('a callback URL to another site is ignored', async ({ page }) => {
  await page.goto('/sign-in?callbackUrl=%2F%2Fevil.example%2F');
  await page.getByLabel('电子邮箱').fill(demoEmail('judge'));
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/home$/);
});

test('a demo portal lists its demo accounts and says the data is fictitious', async ({ page }) => {
  await page.goto('/sign-in');
  const panel = page.getByTestId('demo-accounts');
  await expect(panel.getByTestId('demo-password')).toHaveText(DEMO_PASSWORD);
  for (const who of ['litigant', 'judge', 'clerk', 'admin', 'depositor'] as const) {
    await expect(panel).toContainText(demoEmail(who));
  }
  await expect(page.getByTestId('demo-notice')).toHaveText('演示系统——所示数据均为虚构。');
});
