/**
 * Issue #16: the account page — one's own name, e-mail language and password, in either language;
 * changing the password ends one's other sessions and keeps this one. Usable at 390 px.
 */
import type { BrowserContext } from '@playwright/test';
import { createUser, type MadeUser } from '../data/data';
import { expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';

async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith('next-auth.session-token'));
  if (!cookie) throw new Error('no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

test.describe('the account page', () => {
  let person: MadeUser;
  test.beforeAll(async () => {
    person = await createUser();
  });

  test('changes one’s name, e-mail language and password; other sessions end, this one stays', async ({
    page,
    browser,
    playwright,
    baseURL,
  }) => {
    const other = await browser.newContext();
    await signInOverHttp(other.request, person.email, person.password);
    const otherCookie = await sessionCookie(other);
    await other.close();

    await signInOverHttp(page.request, person.email, person.password);
    await page.goto('/home');
    await page.getByRole('link', { name: '我的账号' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的账号');
    await expect(page.getByText(`登录邮箱：${person.email}`)).toBeVisible();

    const newName = `新名字 New Name ${Date.now()}`;
    await page.getByLabel('姓名', { exact: true }).fill(newName);
    await page.getByLabel('English（英文）').check();
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('account-details-status')).toHaveText('已保存。');
    await page.reload();
    await expect(page.getByTestId('signed-in-as')).toContainText(newName);
    await expect(page.getByLabel('English（英文）')).toBeChecked();

    await page.getByLabel('姓名', { exact: true }).fill('   ');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('account-details-errors')).toContainText('请输入姓名');

    const form = page.getByTestId('change-password-form');
    await form.getByLabel('当前密码').fill('not my password');
    await form.getByLabel('新密码', { exact: true }).fill('a brand new passphrase');
    await form.getByLabel('再次输入新密码').fill('a brand new passphrase');
    await form.getByRole('button', { name: '更改密码' }).click();
    await expect(page.getByTestId('change-password-errors')).toContainText('当前密码不正确');

    await form.getByLabel('当前密码').fill(person.password);
    await form.getByLabel('新密码', { exact: true }).fill('a brand new passphrase');
    await form.getByLabel('再次输入新密码').fill('a different passphrase');
    await form.getByRole('button', { name: '更改密码' }).click();
    await expect(page.getByTestId('change-password-errors')).toContainText('两次输入的新密码不一致');

    await form.getByLabel('当前密码').fill(person.password);
    await form.getByLabel('新密码', { exact: true }).fill('a brand new passphrase');
    await form.getByLabel('再次输入新密码').fill('a brand new passphrase');
    await form.getByRole('button', { name: '更改密码' }).click();
    await expect(page.getByTestId('change-password-status')).toHaveText('密码已更改。您在其他设备上的登录已退出。');

    // This session stays…
    await page.goto('/account');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的账号');
    // …the other device's does not.
    const client = await playwright.request.newContext({ baseURL });
    const replayed = await client.get('/home', { headers: { cookie: otherCookie }, maxRedirects: 0 });
    expect(replayed.status()).toBe(307);
    await client.dispose();
  });

  test('is in English when the reader chose English, and fits a 390 px phone', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL ?? '' }]);
    await page.setViewportSize({ width: 390, height: 844 });
    await signInOverHttp(page.request, person.email, person.password).catch(() =>
      signInOverHttp(page.request, person.email, 'a brand new passphrase'),
    );
    await page.goto('/account');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
    await expect(page.getByRole('heading', { level: 2, name: 'Change your password' })).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

test('the password-reset pages fit a 390 px phone and pass the accessibility check, in both languages', async ({
  page,
  context,
  baseURL,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const locale of ['zh-CN', 'en']) {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    for (const path of ['/sign-in', '/forgot-password', `/reset-password/${'B'.repeat(43)}`]) {
      await page.goto(path);
      expect(await overflowingElements(page), `${locale} ${path}`).toEqual([]);
      expect(await seriousA11yViolations(page), `${locale} ${path}`).toEqual([]);
    }
  }
});
