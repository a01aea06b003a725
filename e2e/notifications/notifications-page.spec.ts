/**
 * A person's notifications in the browser: the newest unread on the home page, the notifications
 * page (newest first, pages, unread only, mark one and all read, the e-mail choice), in both
 * languages on a 390 px phone; their own only; the notification e-mails on the admin's pages.
 */
import { createUser } from '../data/data';
import { expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { createNotificationsData } from './notifications.data';

test.use({ viewport: { width: 390, height: 844 } });

async function expectFitsAndAccessible(page: import('@playwright/test').Page) {
  expect(await overflowingElements(page)).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
}

test('zh-CN: home shows the newest unread; the page pages, filters, marks read and keeps the e-mail choice', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const data = await createNotificationsData(22);
  await signInOverHttp(page.request, data.defendant.email, data.defendant.password);

  await page.goto('/home');
  const latest = page.getByTestId('latest-notifications');
  await expect(page.getByRole('region', { name: '新通知' })).toBeVisible();
  await expect(latest).toContainText('22 条未读通知');
  await expect(latest.getByTestId('notification')).toHaveCount(5);
  await expect(latest.getByTestId('notification').first()).toContainText(
    `原告在案件${data.caseNumber}中提交了第 22 号证据。`,
  );
  await expectFitsAndAccessible(page);
  await latest.getByRole('link', { name: '全部通知' }).click();

  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole('heading', { level: 1, name: '通知' })).toBeVisible();
  await expect(page.getByTestId('unread-count')).toHaveText('22 条未读通知');
  const items = page.getByTestId('notification-list').getByTestId('notification');
  await expect(items).toHaveCount(20);
  await expect(items.first()).toContainText('第 22 号证据');
  await expect(items.last()).toContainText('第 3 号证据');
  await expect(page.getByText('第 1 页，共 2 页')).toBeVisible();
  await expectFitsAndAccessible(page);

  await page.getByTestId('page-next').click();
  await expect(page).toHaveURL(/page=2/);
  await expect(items).toHaveCount(2);
  await expect(items.last()).toContainText('第 1 号证据');
  await page.getByTestId('page-previous').click();
  await expect(items).toHaveCount(20);

  // Mark the newest read: it says so in words, and the count drops.
  await items.first().getByTestId('mark-read').click();
  await expect(page.getByTestId('unread-count')).toHaveText('21 条未读通知');
  await expect(items.first()).toHaveAttribute('data-read', 'true');
  await expect(items.first()).toContainText('已读');
  await expect(items.first().getByTestId('mark-read')).toHaveCount(0);

  await page.getByRole('link', { name: '仅未读' }).click();
  await expect(page).toHaveURL(/show=unread/);
  await expect(items).toHaveCount(20);
  await expect(items.first()).toContainText('第 21 号证据');
  await expect(page.getByText('第 1 页，共 2 页')).toBeVisible();

  await page.getByTestId('mark-all-read').click();
  await expect(page.getByTestId('unread-count')).toHaveText('没有未读通知');
  await expect(page.getByTestId('no-notifications')).toHaveText('您没有未读通知。');
  await page.getByRole('link', { name: '全部', exact: true }).click();
  await expect(items).toHaveCount(20);
  for (const read of await items.all()) await expect(read).toHaveAttribute('data-read', 'true');

  // The e-mail choice: on by default, off, on again.
  const state = page.getByTestId('email-choice-state');
  await expect(state).toHaveText(`您的通知也会发送到邮箱 ${data.defendant.email}。`);
  await page.getByRole('button', { name: '停止发送邮件' }).click();
  await expect(state).toHaveText('您的通知只在此处显示，不发送邮件。');
  await page.reload();
  await expect(state).toHaveAttribute('data-on', 'false');
  await page.getByRole('button', { name: '同时发送邮件' }).click();
  await expect(state).toHaveAttribute('data-on', 'true');
  await expectFitsAndAccessible(page);

  await page.goto('/home');
  await expect(page.getByTestId('latest-notifications')).toContainText('您没有未读通知。');
});

test('en: the page in English, and a notification leads to its exhibit', async ({ page, context, baseURL }) => {
  const data = await createNotificationsData(3);
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL ?? '' }]);
  await signInOverHttp(page.request, data.defendant.email, data.defendant.password);
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expect(page.getByTestId('unread-count')).toHaveText('3 unread notifications');
  const items = page.getByTestId('notification-list').getByTestId('notification');
  await expect(items).toHaveCount(3);
  await expect(items.first()).toContainText(`The plaintiff submitted exhibit 3 in case ${data.caseNumber}.`);
  await expect(items.first()).toContainText('Unread');
  await expect(page.getByRole('button', { name: 'Stop e-mails' })).toBeVisible();
  await expect(page.getByTestId('page-next')).toHaveCount(0);
  await expectFitsAndAccessible(page);

  await items.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${data.caseId}/exhibits/[0-9a-f-]{36}$`));
  await expect(page.getByText('exhibit 3').first()).toBeVisible();
});

test('a person sees only their own notifications', async ({ page }) => {
  const [data, other] = await Promise.all([createNotificationsData(1), createUser()]);
  await signInOverHttp(page.request, other.email, other.password);
  await page.goto('/notifications');
  await expect(page.getByTestId('no-notifications')).toHaveText('您没有通知。');
  await expect(page.getByText(data.caseNumber)).toHaveCount(0);
});

test('the admin sees the notification e-mails go out, and reads them in the local mailbox', async ({
  page,
  context,
  baseURL,
}) => {
  // The wait for the sender alone may take 30 s (the default budget of a whole test), and two
  // accessibility checks follow.
  test.setTimeout(90_000);
  const data = await createNotificationsData(2);
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL ?? '' }]);
  await signInOverHttp(page.request, 'admin@demo.verity');
  await page.goto(`/admin/mail?recipient=${encodeURIComponent(data.defendant.email)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Outgoing e-mail' })).toBeVisible();
  await expect(page.getByTestId('mail-transport')).toContainText('No mail server is configured');
  // Each server process sends every few seconds.
  await expect(async () => {
    await page.reload();
    await expect(page.locator('[data-testid="mail-status"][data-status="sent"]')).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('outbox-table')).toContainText('Notification (zh-CN)');
  await expectFitsAndAccessible(page);

  await page.getByRole('link', { name: 'Read the local mailbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Local mailbox' })).toBeVisible();
  await page.getByLabel('Recipient').fill(data.defendant.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/admin\/mail\/mailbox\?recipient=/);
  const messages = page.getByTestId('mailbox-message');
  await expect(messages).toHaveCount(2);
  // The defendant's language is Chinese (the default), whatever the admin reads the portal in.
  await expect(messages.first()).toContainText(`Verity 通知：原告在案件${data.caseNumber}中提交了第 2 号证据。`);
  await messages.first().locator('summary').click();
  await expect(messages.first().getByTestId('mailbox-text')).toContainText(`${data.defendant.name}，您好：`);
  await expect(messages.first().getByTestId('mailbox-text')).toContainText(`/cases/${data.caseId}/exhibits/`);
  await expectFitsAndAccessible(page);
});

test('only an admin may open the outgoing e-mail pages', async ({ page, signInAs }) => {
  await signInAs('clerk');
  for (const path of ['/admin/mail', '/admin/mail/mailbox']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
});
