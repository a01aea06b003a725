/**
 * The setup page of a real court's first start, in a real browser at 390 px, in both languages:
 * a weak password is explained and nothing is created; the court and its first administrator are
 * created once; the link then no longer works, and a forged one never did. (The e2e server runs on
 * the demo database, so the spec takes a token as `npm start` would issue it on an empty one;
 * printing the link on an empty database is scripts/lib/setup-link.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { makeSetupToken } from './admin.data';

test.use({ viewport: { width: 390, height: 844 } });
// One link at a time: issuing a link ends the one before.
test.describe.configure({ mode: 'serial' });

for (const [locale, words] of [
  ['zh-CN', { submit: '完成设置', password: '至少 12 个字符', done: '法院已设置完成', invalid: '此设置链接无效' }],
  [
    'en',
    {
      submit: 'Set up the court',
      password: 'at least 12 characters',
      done: 'The court is set up',
      invalid: 'This setup link does not work',
    },
  ],
] as const) {
  test(`sets up a court and its first administrator once (${locale})`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    const token = await makeSetupToken();
    const tag = randomUUID().slice(0, 8);
    await page.goto(locale === 'en' ? `/setup?token=${token}` : `/setup/${token}`);
    const form = page.getByTestId('setup-form');
    await expect(form).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const fields = form.locator('input:not([type=hidden])');
    const values = [
      `测试法院${tag}`,
      `Test Court ${tag}`,
      `SET-${tag}`,
      'https://verity.court.example',
      '王管理员',
      `setup-${tag}@e2e.example`,
    ];
    for (const [i, value] of values.entries()) await fields.nth(i).fill(value);
    await form.locator('input[type=password]').fill('short');
    await form.getByRole('button', { name: words.submit }).click();
    await expect(page.getByTestId('setup-errors')).toContainText(words.password);
    // The values typed are kept (not the password).
    await expect(fields.nth(2)).toHaveValue(`SET-${tag}`);

    await form.locator('input[type=password]').fill('a long enough passphrase');
    await form.getByRole('button', { name: words.submit }).click();
    await expect(page.getByTestId('setup-form-status')).toContainText(words.done);

    // The new administrator signs in and sees the court's settings.
    await signInOverHttp(page.request, `setup-${tag}@e2e.example`, 'a long enough passphrase');
    await page.goto('/admin/court');
    await expect(page.getByLabel(locale === 'en' ? 'Court code' : '法院代码')).toHaveValue(`SET-${tag.toUpperCase()}`);

    await page.goto(`/setup/${token}`);
    await expect(page.getByTestId('setup-invalid')).toContainText(words.invalid);
  });
}

test('a forged setup link shows why it does not work', async ({ page }) => {
  await page.goto(`/setup/${'A'.repeat(43)}`);
  await expect(page.getByTestId('setup-invalid')).toBeVisible();
  await page.goto('/setup');
  await expect(page.getByTestId('setup-invalid')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});
