/**
 * The administration pages in a real browser, at 390 px, in both languages, as an administrator
 * of a court of its own: invite a judge (the link from the queued e-mail, accepted in another
 * browser, the new judge signs in), disable them, the last administrator kept, and a depositor
 * organisation whose API key, issued on the page, deposits through the API and is refused once
 * revoked on the page.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { type CourtAdmin, invitationLink, makeCourtAdmin } from './admin.data';

test.use({ viewport: { width: 390, height: 844 } });
// Each test signs up a person and checks several pages: longer than the default 30 s on a busy machine.
test.setTimeout(90_000);

const WORDS = {
  'zh-CN': {
    invite: '发送邀请',
    judge: '法官',
    invited: '邀请已发送',
    create: '创建我的账户',
    accepted: '已创建',
    disable: '停用账户',
    disabled: '已停用',
    lastAdmin: '最后一名在用的管理员',
    register: '登记',
    issue: '签发密钥',
    revoke: '吊销',
  },
  en: {
    invite: 'Send the invitation',
    judge: 'Judge',
    invited: 'Invitation sent',
    create: 'Create my account',
    accepted: 'is ready',
    disable: 'Disable the account',
    disabled: 'Disabled',
    lastAdmin: 'last active administrator',
    register: 'Register',
    issue: 'Issue the key',
    revoke: 'Revoke',
  },
} as const;

async function checkPage(page: Page) {
  expect(await overflowingElements(page)).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
}

for (const locale of ['zh-CN', 'en'] as const) {
  const w = WORDS[locale];
  test.describe(`administration (${locale})`, () => {
    let admin: CourtAdmin;

    test.beforeEach(async ({ page, context, baseURL }) => {
      admin = await makeCourtAdmin();
      await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
      await signInOverHttp(page.request, admin.email, admin.password);
    });

    test('invites a judge who accepts; disables them; keeps the last administrator', async ({
      page,
      browser,
      baseURL,
    }) => {
      const email = `judge-${randomUUID().slice(0, 8)}@e2e.example`;
      await page.goto('/admin/users/invite');
      await checkPage(page);
      const form = page.getByTestId('invite-form');
      await form.locator('input[type=email]').fill(email);
      await form.locator('input[name=name]').fill('李法官 Judge Li');
      await form.getByLabel(w.judge, { exact: true }).check();
      await form.getByRole('button', { name: w.invite }).click();
      await expect(page.getByTestId('invite-form-status')).toContainText(w.invited);

      // The invitee, in a browser of their own, follows the link from the e-mail.
      const link = await invitationLink(email);
      const invitee = await browser.newContext({ viewport: { width: 390, height: 844 } });
      await invitee.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
      const theirs = await invitee.newPage();
      await theirs.goto(new URL(link).pathname);
      await expect(theirs.getByTestId('invitation-summary')).toContainText(admin.name);
      await checkPage(theirs);
      await theirs.locator('input[type=password]').fill('short');
      await theirs.getByRole('button', { name: w.create }).click();
      await expect(theirs.getByTestId('accept-errors')).toBeVisible();
      await theirs.locator('input[type=password]').fill('a long enough passphrase');
      await theirs.getByRole('button', { name: w.create }).click();
      await expect(theirs.getByTestId('accept-form-status')).toContainText(w.accepted);
      await signInOverHttp(theirs.request, email, 'a long enough passphrase');
      await theirs.goto(new URL(link).pathname);
      await expect(theirs.getByTestId('invitation-invalid')).toBeVisible();
      await invitee.close();

      // Found by search, then disabled.
      await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
      await checkPage(page);
      await page.getByTestId('user-table').getByRole('link').first().click();
      await page.getByTestId('status-form').getByRole('button', { name: w.disable }).click();
      await expect(page.getByTestId('person-summary')).toContainText(w.disabled);

      // The court's only administrator cannot disable themselves.
      await page.goto(`/admin/users?q=${encodeURIComponent(admin.email)}`);
      await page.getByTestId('user-table').getByRole('link').first().click();
      await page.getByTestId('status-form').getByRole('button', { name: w.disable }).click();
      await expect(page.getByTestId('status-errors')).toContainText(w.lastAdmin);
    });

    test('an API key issued on the page deposits through the API; revoked on the page, it is refused', async ({
      page,
    }) => {
      const name = `存证机构 Org ${randomUUID().slice(0, 8)}`;
      await page.goto('/admin/depositors');
      await checkPage(page);
      const create = page.getByTestId('create-org-form');
      await create.locator('input[name=name]').fill(name);
      await create.getByRole('button', { name: w.register }).click();
      await expect(page.getByTestId('create-org-form-status')).toContainText(name);
      await page.goto(`/admin/depositors?q=${encodeURIComponent(name)}`);
      await page.getByRole('link', { name }).click();
      await expect(page.getByTestId('org-name')).toHaveText(name);

      const keyForm = page.getByTestId('create-key-form');
      await keyForm.locator('input[name=label]').fill('ingest server');
      await keyForm.getByRole('button', { name: w.issue }).click();
      const secret = (await page.getByTestId('api-key-secret').textContent()) ?? '';
      expect(secret).toMatch(/^vrt_/);
      await checkPage(page);

      const deposit = () =>
        page.request.post('/api/v1/deposits', {
          headers: { authorization: `Bearer ${secret}` },
          data: { digests: { sha256: randomBytes(32).toString('hex') } },
        });
      expect((await deposit()).status()).toBe(201);
      await page.reload();
      await expect(page.getByTestId('org-deposits')).toContainText('1');

      await page.getByTestId('api-key-table').getByRole('button', { name: w.revoke }).click();
      await expect(page.getByTestId('api-key-table').getByRole('button', { name: w.revoke })).toHaveCount(0);
      // Other processes (the front server's workers) trust a key's record for at most a second.
      await expect.poll(async () => (await deposit()).status(), { timeout: 5000 }).toBe(401);
    });
  });
}
