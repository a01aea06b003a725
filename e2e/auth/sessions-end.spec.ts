/**
 * Issue #16: sessions that end on the server. A session cookie copied while it worked is replayed
 * after its person signs out, and after their password is reset through the e-mailed link: a page
 * and a route handler that read the session both refuse it; and after an administrator disables
 * the person or changes their role on the admin pages.
 */
import { randomUUID } from 'node:crypto';
import type { APIRequestContext, BrowserContext, PlaywrightWorkerArgs } from '@playwright/test';

type Playwright = PlaywrightWorkerArgs['playwright'];

import { DEMO_PASSWORD } from '../../prisma/seed/demo-data';
import { makeCourtAdmin } from '../admin/admin.data';
import { createUser, type MadeUser, resetLinkMailedTo } from '../data/data';
import { expect, signInOverHttp, test } from '../fixtures';

const NEW_PASSWORD = 'a long and fresh passphrase';

async function sessionCookie(context: BrowserContext | APIRequestContext): Promise<string> {
  const state = await context.storageState();
  const cookie = state.cookies.find((c) => c.name.endsWith('next-auth.session-token'));
  if (!cookie) throw new Error('no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** What the portal answers a copied cookie, sent alone from a client of its own. */
async function replay(playwright: Playwright, baseURL: string, cookie: string) {
  const client = await playwright.request.newContext({ baseURL });
  try {
    const headers = { cookie };
    const page = await client.get('/home', { headers, maxRedirects: 0 });
    // A route handler that reads the session: a signed-in person is told the exhibit does not
    // exist for them (404), an anonymous one to sign in (401).
    const api = await client.get(`/api/v1/exhibits/${randomUUID()}/file`, { headers, maxRedirects: 0 });
    const session = (await (await client.get('/api/auth/session', { headers })).json()) as { user?: unknown };
    return {
      page: page.status(),
      location: page.headers().location ?? null,
      api: api.status(),
      signedIn: !!session.user,
    };
  } finally {
    await client.dispose();
  }
}

const WORKS = { page: 200, location: null, api: 404, signedIn: true };
const REFUSED = { page: 307, location: '/sign-in?callbackUrl=%2Fhome', api: 401, signedIn: false };

test.describe('sessions that end', () => {
  let person: MadeUser;
  let resetPerson: MadeUser;
  test.beforeAll(async () => {
    [person, resetPerson] = await Promise.all([createUser(), createUser()]);
  });

  test('a copied session cookie stops working once its person signs out', async ({ page, playwright, baseURL }) => {
    await signInOverHttp(page.request, person.email, person.password);
    await page.goto('/home');
    const copied = await sessionCookie(page.context());
    expect(await replay(playwright, baseURL ?? '', copied)).toEqual(WORKS);

    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    expect(await replay(playwright, baseURL ?? '', copied)).toEqual(REFUSED);
  });

  for (const change of ['disables the person', 'changes their role'] as const) {
    test(`a copied session cookie stops working once an administrator ${change}`, async ({
      browser,
      page,
      playwright,
      baseURL,
    }) => {
      const [judge, admin] = await Promise.all([createUser('judge'), makeCourtAdmin()]);
      const theirs = await browser.newContext();
      await signInOverHttp(theirs.request, judge.email, judge.password);
      const copied = await sessionCookie(theirs);
      expect(await replay(playwright, baseURL ?? '', copied)).toEqual(WORKS);

      await signInOverHttp(page.request, admin.email, admin.password);
      await page.goto(`/admin/users?q=${encodeURIComponent(judge.email)}`);
      await page.getByTestId('user-table').getByRole('link').first().click();
      if (change === 'disables the person') {
        await page.getByTestId('status-form').getByRole('button', { name: '停用账户' }).click();
        await expect(page.getByTestId('person-summary')).toContainText('已停用');
      } else {
        const form = page.getByTestId('role-form');
        await form.getByLabel('书记员', { exact: true }).check();
        await form.getByRole('button', { name: '更改角色' }).click();
        await expect(page.getByTestId('person-summary')).toContainText('书记员');
      }

      expect(await replay(playwright, baseURL ?? '', copied)).toEqual(REFUSED);
      await theirs.close();
    });
  }

  test('a password reset through the e-mailed link ends earlier sessions, and the link works once', async ({
    browser,
    page,
    playwright,
    baseURL,
  }) => {
    // Signed in elsewhere; that cookie is copied.
    const elsewhere = await browser.newContext();
    await signInOverHttp(elsewhere.request, resetPerson.email, resetPerson.password);
    const copied = await sessionCookie(elsewhere);
    expect(await replay(playwright, baseURL ?? '', copied)).toEqual(WORKS);

    await page.goto('/sign-in');
    await page.getByRole('link', { name: '忘记密码？' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('找回密码');
    await page.getByLabel('电子邮箱').fill(resetPerson.email);
    await page.getByRole('button', { name: '发送链接' }).click();
    await expect(page.getByTestId('reset-sent')).toContainText(`如果 ${resetPerson.email} 有账号`);

    const link = await resetLinkMailedTo(resetPerson.email);
    expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}\?lang=zh-CN$/);
    const path = new URL(link ?? '').pathname + new URL(link ?? '').search;
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置新密码');
    await expect(page.getByText(resetPerson.email)).toBeVisible();
    // A common password is refused, with the reason.
    await page.getByLabel('新密码', { exact: true }).fill('password1234');
    await page.getByLabel('再次输入新密码').fill('password1234');
    await page.getByRole('button', { name: '设置新密码' }).click();
    await expect(page.getByRole('alert', { name: '请更正以下问题' })).toContainText('这是最常见的密码之一');
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '设置新密码' }).click();
    await expect(page.getByTestId('reset-done')).toContainText('密码已更改');

    expect(await replay(playwright, baseURL ?? '', copied)).toEqual(REFUSED);
    await elsewhere.close();

    // The new password signs in; the old one does not.
    const fresh = await playwright.request.newContext({ baseURL });
    await expect(signInOverHttp(fresh, resetPerson.email, resetPerson.password)).rejects.toThrow(/failed/);
    await signInOverHttp(fresh, resetPerson.email, NEW_PASSWORD);
    expect(await replay(playwright, baseURL ?? '', await sessionCookie(fresh))).toEqual(WORKS);
    await fresh.dispose();

    // The link again: used.
    await page.goto(path);
    await expect(page.getByTestId('reset-link-problem')).toHaveAttribute('data-reason', 'LINK_USED');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('此链接已使用过');
  });

  test('a forged link says so in the language the link names, and offers a new one', async ({ page }) => {
    await page.goto(`/reset-password/${'A'.repeat(43)}?lang=en`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');
    await page.getByRole('link', { name: 'Ask for a new link' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.goto('/reset-password/not-a-token');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('此链接无效');
  });

  test('the forgot-password page says the same for an address without an account', async ({ page }) => {
    const nobody = `nobody-${randomUUID()}@example.com`;
    await page.goto('/forgot-password');
    await page.getByRole('button', { name: '发送链接' }).click();
    await expect(page.getByRole('alert', { name: '请更正以下问题' })).toContainText('请输入电子邮箱');
    await page.getByLabel('电子邮箱').fill(nobody);
    await page.getByRole('button', { name: '发送链接' }).click();
    await expect(page.getByTestId('reset-sent')).toContainText(`如果 ${nobody} 有账号，我们已向其发送设置新密码的链接`);
    expect(await resetLinkMailedTo(nobody)).toBeNull();
  });

  test('the demo password still signs in (the common-password list applies to new passwords only)', async ({
    page,
  }) => {
    await signInOverHttp(page.request, 'judge@demo.verity', DEMO_PASSWORD);
  });
});
