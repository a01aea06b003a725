/**
 * The court's own sign-in, through a real OpenID Provider (test/oidc: panva's oidc-provider, run
 * by this spec on a loopback port, with its development login form). An administrator configures
 * it in the admin page; a judge signs in through the provider and lands signed in; an address with
 * no Verity account is refused with the message. The configuration is one row for the portal, so
 * these tests run in order, and the last turns it off again.
 */
import { randomUUID } from 'node:crypto';
import { type OidcTestProvider, startOidcTestProvider } from '../../test/oidc/oidc-test-provider';
import { createUser, type MadeUser } from '../data/data';
import { expect, seriousA11yViolations, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';

test.describe.configure({ mode: 'serial' });

const TAG = randomUUID().slice(0, 8);
const NAME_ZH = `测试统一身份认证${TAG}`;
const NAME_EN = `Test Court Sign-On ${TAG}`;
const JUDGE_LOGIN = `judge-${TAG}`;
const STRANGER_LOGIN = `stranger-${TAG}`;

let provider: OidcTestProvider;
let judge: MadeUser;

test.beforeAll(async () => {
  judge = await createUser('judge');
  // playwright.config.ts's baseURL, through the port it hands its workers.
  const portal = `http://127.0.0.1:${process.env.E2E_PORT}`;
  provider = await startOidcTestProvider({ redirectUris: [`${portal}/api/auth/callback/oidc`] });
  // The provider gives the judge's address in capitals: Verity compares addresses without regard to case.
  provider.setAccount({ login: JUDGE_LOGIN, claims: { email: judge.email.toUpperCase(), email_verified: true } });
  provider.setAccount({
    login: STRANGER_LOGIN,
    claims: { email: `stranger-${TAG}@court.example`, email_verified: true },
  });
});

test.afterAll(async () => {
  await provider?.stop();
});

/** Through the provider's development login and consent pages, as a person would. */
async function signInAtProvider(page: import('@playwright/test').Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('an administrator configures the court identity system, tests the connection and saves it (390 px)', async ({
  page,
  signInAs,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs('admin');
  await page.goto('/admin/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: '通过法院统一身份认证登录' })).toBeVisible();
  await expect(page.getByTestId('oidc-redirect-uri')).toHaveText(/\/api\/auth\/callback\/oidc$/);

  const form = page.getByTestId('oidc-config-form');
  const fill = async (issuer: string) => {
    await form.getByLabel('签发者地址（Issuer URL）').fill(issuer);
    await form.getByLabel('客户端 ID').fill(provider.clientId);
    await form.getByLabel('客户端密钥').fill(provider.clientSecret);
    await form.getByLabel('包含电子邮箱的声明（claim）').fill('email');
    await form.getByLabel('按钮上的名称（中文）').fill(NAME_ZH);
    await form.getByLabel('按钮上的名称（英文）').fill(NAME_EN);
  };

  // Not an https URL: refused, with the field named.
  await fill('ftp://id.court.example');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('oidc-errors')).toContainText('请输入签发者地址，以 https:// 开头');

  // A trailing slash: the discovery document names the issuer without it.
  await fill(`${provider.issuer}/`);
  await form.getByRole('button', { name: '测试连接' }).click();
  const result = page.getByTestId('oidc-test-result');
  await expect(result).toHaveAttribute('data-ok', 'false');
  await expect(result).toContainText('发现文档中写的是另一个签发者');

  await fill(provider.issuer);
  await form.getByRole('button', { name: '测试连接' }).click();
  await expect(result).toHaveAttribute('data-ok', 'true');
  await expect(result).toContainText('连接正常');
  await expect(result).toContainText(`${provider.issuer}/auth`);
  await expect(result).toContainText('身份认证系统列出了您输入的电子邮箱声明。');
  expect(await overflowingElements(page)).toEqual([]);

  // The test saved nothing, and the form kept what was typed but the secret.
  await form.getByLabel('提供通过法院统一身份认证登录').check();
  await form.getByLabel('客户端密钥').fill(provider.clientSecret);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('oidc-saved')).toHaveText('已保存。登录页现在提供通过身份认证系统登录。');

  await page.reload();
  await expect(page.getByTestId('oidc-status')).toContainText(`已开启：登录页提供“通过${NAME_ZH}登录”。`);
  await expect(form.getByLabel('签发者地址（Issuer URL）')).toHaveValue(provider.issuer);
  await expect(form.getByLabel('客户端密钥')).toHaveValue('');
  expect(await overflowingElements(page)).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('a judge signs in through the identity system and lands signed in, as after a password', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/sign-in?callbackUrl=%2Fhome');
  expect(await overflowingElements(page)).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: `通过${NAME_ZH}登录` }).click();
  await signInAtProvider(page, JUDGE_LOGIN);

  await expect(page).toHaveURL(/\/home$/);
  await expect(page.locator('[data-home-role="judge"]')).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toContainText(judge.name);
  const session = (await (await page.request.get('/api/auth/session')).json()) as { user?: { role?: string } };
  expect(session.user?.role).toBe('judge');
});

test('an address without a Verity account is refused with the message, in both languages', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `通过${NAME_ZH}登录` }).click();
  await signInAtProvider(page, STRANGER_LOGIN);

  await expect(page).toHaveURL(/\/sign-in\?error=OIDC_NO_ACCOUNT$/);
  await expect(page.getByTestId('oidc-sign-in-error')).toHaveText(
    '身份认证系统提供的电子邮箱没有对应的有效 Verity 账号。请联系本院的 Verity 管理员邀请您。',
  );
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.reload();
  await expect(page.getByTestId('oidc-sign-in-error')).toHaveText(
    'No active Verity account has the e-mail address your identity system gave. Ask the court’s Verity administrator to invite you.',
  );
  await expect(page.getByRole('button', { name: `Sign in with ${NAME_EN}` })).toBeVisible();

  // No session was made: the portal still asks to sign in.
  await page.goto('/home');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fhome/);
});

test('turned off, the sign-in page no longer offers it', async ({ page, signInAs }) => {
  await signInAs('admin');
  await page.goto('/admin/sign-in');
  const form = page.getByTestId('oidc-config-form');
  await form.getByLabel('提供通过法院统一身份认证登录').uncheck();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('oidc-saved')).toHaveText('已保存。通过身份认证系统登录已关闭。');

  await page.context().clearCookies();
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: `通过${NAME_ZH}登录` })).toHaveCount(0);
});
