/**
 * Issue #16's first acceptance test: a new court on an empty database (no demo data), in Chinese
 * and English. The spec starts a portal of its own as a court would (`npm start`'s script with
 * VERITY_DEMO=false, a fresh data folder, e-mail through a real SMTP server started here) and
 * follows the story in real browsers, one per person, every link taken from the e-mail received:
 *
 *   the setup link from the start output → the court and its first administrator → the admin
 *   invites a judge (in English), a clerk and a depositor (in Chinese) → the depositor deposits a
 *   file → the clerk opens a case, adds the judge and invites two parties by e-mail (the plaintiff
 *   in English, the defendant in Chinese) → the plaintiff submits the file as an exhibit → the
 *   defendant and the judge are told, on the portal and by e-mail → the judge records a
 *   determination → the parties are told → Ctrl-C stops the portal and leaves no process.
 *
 * Each person reads the portal in their own language: the invitation page in the language of the
 * e-mail (its link says which), then the language switch on the sign-in page remembers it.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { type ReceivedMail, type SmtpTestServer, startSmtpTestServer } from '../../test/mail/smtp-test-server';
import { dropFiles, type LocalFile, randomFile } from '../deposit/deposit.helpers';
import { expect, test } from '../fixtures';
import { type CourtPortal, startCourtPortal } from './court-portal';

type Locale = 'zh-CN' | 'en';

interface Person {
  email: string;
  name: string;
  password: string;
  locale: Locale;
  context?: BrowserContext;
  page?: Page;
}

/** A password no list holds: random, long enough for ZNewPassword. */
const newPassword = () => `${randomBytes(12).toString('base64url')}-${randomInt(1000, 9999)}`;
const tag = randomUUID().slice(0, 8);
const person = (role: string, name: string, locale: Locale): Person => ({
  email: `${role}-${tag}@court.example`,
  name,
  password: newPassword(),
  locale,
});

const court = { nameZh: `新设法院${tag}`, nameEn: `New Court ${tag}`, code: `NC-${tag.toUpperCase()}` };
const admin = person('admin', '王管理员', 'zh-CN');
const judge = person('judge', 'Judge Li 李法官', 'en');
const clerk = person('clerk', '赵书记员', 'zh-CN');
const depositor = person('depositor', '钱存证员', 'zh-CN');
const plaintiff = person('plaintiff', 'Plaintiff Zhang', 'en');
const defendant = person('defendant', '被告李华', 'zh-CN');
const orgName = `数据存证中心 ${tag}`;
const caseNumber = `（2026）京0491民初${randomInt(1000, 99_999_999)}号`;

test.describe.configure({ mode: 'serial' });

let smtp: SmtpTestServer;
let portal: CourtPortal;
let fileDir: string;
let file: LocalFile;
let filePath: string;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  smtp = await startSmtpTestServer();
  portal = await startCourtPortal({ smtpUrl: smtp.url });
  fileDir = await mkdtemp(path.join(tmpdir(), 'verity-court-files-'));
  file = randomFile(64 * 1024, `contract-${tag}.pdf`);
  filePath = path.join(fileDir, file.name);
  await writeFile(filePath, file.bytes);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  for (const p of [admin, judge, clerk, depositor, plaintiff, defendant]) await p.context?.close();
  await portal?.stop();
  await smtp?.close();
  if (fileDir) await rm(fileDir, { recursive: true, force: true });
});

/** A browser of the person's own (no cookies, no language chosen yet), on the court's portal. */
async function browserOf(browser: Browser, who: Person): Promise<Page> {
  who.context = await browser.newContext({ baseURL: portal.url });
  who.page = await who.context.newPage();
  return who.page;
}

function pageOf(who: Person): Page {
  if (!who.page) throw new Error(`${who.email} has no browser yet`);
  return who.page;
}

/** The message to `who` whose subject matches, as the SMTP server received it. */
function mailTo(who: Person, subject: RegExp | string): Promise<ReceivedMail> {
  return smtp.waitFor(
    (m) =>
      m.to.includes(who.email) && (typeof subject === 'string' ? m.subject.includes(subject) : subject.test(m.subject)),
    45_000,
  );
}

/** The portal link in a mail's text; it is on the court's public address. */
function linkIn(mail: ReceivedMail, pathPattern: RegExp): string {
  const links = mail.text.match(/https?:\/\/[^\s<>()]+/g) ?? [];
  const link = links.find((l) => pathPattern.test(new URL(l).pathname));
  if (!link) throw new Error(`no link to ${pathPattern} in the mail "${mail.subject}":\n${mail.text}`);
  expect(link.startsWith(`${portal.url}/`)).toBe(true);
  return link;
}

/** The mail is in `who`'s language: its header, its subject's words, its greeting. */
function expectLanguage(mail: ReceivedMail, who: Person) {
  expect(mail.language).toBe(who.locale);
  expect(mail.html).toContain(`<html lang="${who.locale}">`);
  if (who.locale === 'en') expect(mail.text).toContain('This e-mail was sent automatically by Verity');
  else expect(mail.text).toContain('此邮件由法院电子证据核验平台 Verity 自动发送');
}

async function expectPageLanguage(page: Page, locale: Locale) {
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

/** Follows an invitation link in a fresh browser, chooses a name and password, creates the account. */
async function acceptInvitation(browser: Browser, who: Person, mail: ReceivedMail) {
  const link = linkIn(mail, /^\/invitations\/[A-Za-z0-9_-]{43}$/);
  const page = await browserOf(browser, who);
  await page.goto(link);
  await expectPageLanguage(page, who.locale);
  await expect(page.getByTestId('invitation-summary')).toContainText(who.email);
  await expect(page.getByTestId('invitation-summary')).toContainText(who.locale === 'en' ? court.nameEn : court.nameZh);
  const form = page.getByTestId('accept-form');
  await form.locator('input[name=name]').fill(who.name);
  await form.locator('input[type=password]').fill(who.password);
  await form.getByRole('button', { name: who.locale === 'en' ? 'Create my account' : '创建我的账户' }).click();
  await expect(page.getByTestId('accept-form-status')).toContainText(who.locale === 'en' ? 'is ready' : '已创建');
}

/** Signs in with the form, in the person's language (chosen with the switch when not Chinese). */
async function signIn(who: Person) {
  const page = pageOf(who);
  await page.goto('/sign-in');
  if (who.locale === 'en') await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    who.locale === 'en' ? 'Sign in to Verity' : '登录 Verity 证链核验',
  );
  // A real court's portal shows no demo accounts.
  await expect(page.getByText(who.locale === 'en' ? 'Demo accounts' : '演示账号')).toHaveCount(0);
  await page.locator('input[name=email]').fill(who.email);
  await page.locator('input[name=password]').fill(who.password);
  await page.getByRole('button', { name: who.locale === 'en' ? 'Sign in' : '登录', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await expectPageLanguage(page, who.locale);
}

/** The person's notifications page lists `sentence`, unread; the home page shows it too. */
async function expectNotified(who: Person, sentence: string) {
  const page = pageOf(who);
  await page.goto('/home');
  await expectPageLanguage(page, who.locale);
  await expect(page.getByTestId('latest-notifications')).toContainText(sentence);
  await page.goto('/notifications');
  const item = page.getByTestId('notification-list').getByTestId('notification').filter({ hasText: sentence });
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-read', 'false');
}

/** The notification e-mail to `who` says `sentence` in their language; its link opens the exhibit. */
async function expectNotificationMail(who: Person, sentence: string): Promise<string> {
  const mail = await mailTo(who, sentence);
  expect(mail.subject).toBe(who.locale === 'en' ? `Verity: ${sentence}` : `Verity 通知：${sentence}`);
  expectLanguage(mail, who);
  expect(mail.text).toContain(who.locale === 'en' ? `Dear ${who.name},` : `${who.name}，您好：`);
  const link = linkIn(mail, /^\/cases\/[0-9a-f-]{36}\/exhibits\/[0-9a-f-]{36}$/);
  // The link names the mail's language, so that the page opens in it.
  expect(new URL(link).searchParams.get('lang')).toBe(who.locale);
  const page = pageOf(who);
  await page.goto(link);
  await expect(page.getByTestId('exhibit-page')).toBeVisible();
  await expectPageLanguage(page, who.locale);
  const { origin, pathname } = new URL(link);
  return `${origin}${pathname}`;
}

test('a new court: setup, invitations, a case, an exhibit, a determination, told by e-mail (zh-CN and en)', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const started = Date.now();

  await test.step('the start printed the setup link and no demo accounts', () => {
    expect(portal.output()).toContain(`Verity is ready: ${portal.url}`);
    expect(portal.output()).not.toContain('Demo accounts');
    expect(portal.setupLink).toMatch(new RegExp(`^${portal.url}/setup/[A-Za-z0-9_-]{43}$`));
  });

  await test.step('the setup link creates the court and its first administrator, once', async () => {
    const page = await browserOf(browser, admin);
    await page.goto(portal.setupLink);
    await expectPageLanguage(page, 'zh-CN');
    const form = page.getByTestId('setup-form');
    await form.locator('input[name=nameZh]').fill(court.nameZh);
    await form.locator('input[name=nameEn]').fill(court.nameEn);
    await form.locator('input[name=code]').fill(court.code);
    await form.locator('input[name=publicUrl]').fill(portal.url);
    await form.locator('input[name=adminName]').fill(admin.name);
    await form.locator('input[name=adminEmail]').fill(admin.email);
    await form.locator('input[name=password]').fill(admin.password);
    await form.getByRole('button', { name: '完成设置' }).click();
    await expect(page.getByTestId('setup-form-status')).toContainText('法院已设置完成');
    await page.goto(portal.setupLink);
    await expect(page.getByTestId('setup-invalid')).toBeVisible();
    await signIn(admin);
  });

  await test.step('the admin registers a depositor organisation and invites a judge, a clerk and a depositor', async () => {
    const page = pageOf(admin);
    await page.goto('/admin/depositors');
    const create = page.getByTestId('create-org-form');
    await create.locator('input[name=name]').fill(orgName);
    await create.getByRole('button', { name: '登记' }).click();
    await expect(page.getByTestId('create-org-form-status')).toContainText(orgName);

    for (const [who, role] of [
      [judge, '法官'],
      [clerk, '书记员'],
      [depositor, '存证方'],
    ] as const) {
      await page.goto('/admin/users/invite');
      const form = page.getByTestId('invite-form');
      await form.locator('input[type=email]').fill(who.email);
      await form.locator('input[name=name]').fill(who.name);
      await form.getByLabel(role, { exact: true }).check();
      if (who === depositor) await form.locator('select[name=depositorOrgId]').selectOption({ label: orgName });
      await form.getByLabel(who.locale === 'en' ? 'English' : '中文', { exact: true }).check();
      await form.getByRole('button', { name: '发送邀请' }).click();
      await expect(page.getByTestId('invite-form-status')).toContainText('邀请已发送');
    }
  });

  await test.step('the three receive their invitations, each in their language, and accept them', async () => {
    const judgeMail = await mailTo(judge, `Invitation to Verity at ${court.nameEn}`);
    expectLanguage(judgeMail, judge);
    expect(judgeMail.text).toContain(
      `${admin.name} invites you to Verity, the evidence verification portal of ${court.nameEn}, as`,
    );
    const clerkMail = await mailTo(clerk, `${court.nameZh}邀请您使用 Verity`);
    expectLanguage(clerkMail, clerk);
    expect(clerkMail.text).toContain(`${admin.name}邀请您以书记员身份使用${court.nameZh}的电子证据核验平台 Verity。`);
    const depositorMail = await mailTo(depositor, `${court.nameZh}邀请您使用 Verity`);
    expectLanguage(depositorMail, depositor);
    for (const mail of [judgeMail, clerkMail, depositorMail]) expect(mail.from).toContain('verity@court.example');

    await acceptInvitation(browser, judge, judgeMail);
    await acceptInvitation(browser, clerk, clerkMail);
    await acceptInvitation(browser, depositor, depositorMail);
    await signIn(judge);
    await pageOf(judge).goto('/home');
    await expect(pageOf(judge).getByRole('heading', { level: 2 })).toHaveText('My cases');
  });

  let depositId = '';
  await test.step('the depositor deposits the file the plaintiff will submit', async () => {
    await signIn(depositor);
    const page = pageOf(depositor);
    await page.goto('/deposit');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('将文件存证到存证链');
    await dropFiles(page, [file]);
    const row = page.locator(`[data-testid="deposit-row"][data-file-name="${file.name}"]`);
    await expect(row).toHaveAttribute('data-hash-state', 'done', { timeout: 20_000 });
    await page.getByRole('button', { name: '存证 1 个文件' }).click();
    await expect(row).toHaveAttribute('data-deposit-state', 'deposited', { timeout: 20_000 });
    await expect(row.getByTestId('receipt')).toContainText(orgName);
    depositId = ((await row.getByTestId('receipt-id').textContent()) ?? '').trim();
    expect(depositId).toMatch(/^[0-9a-f-]{36}$/);
  });

  let caseId = '';
  await test.step('the clerk opens a case, adds the judge and invites the two parties by e-mail', async () => {
    await signIn(clerk);
    const page = pageOf(clerk);
    await page.goto('/home');
    await page.getByRole('link', { name: '新建案件' }).click();
    // The docket's search form on /home has a 案号 field too: wait for the new-case page first.
    await page.waitForURL(/\/cases\/new$/);
    await page.getByLabel('案号').fill(caseNumber);
    await page.getByLabel('案件名称').fill(`${plaintiff.name}诉${defendant.name}网络服务合同纠纷`);
    await page.getByLabel('案由').fill('网络服务合同纠纷');
    await page.getByRole('button', { name: '立案' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = new URL(page.url()).pathname.split('/')[2] ?? '';

    await page.goto(`/cases/${caseId}/manage`);
    await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
    await page.getByLabel('查找要添加的人员').fill(judge.email);
    await page.getByTestId('person-search').getByRole('button', { name: '查找' }).click();
    const add = page.getByTestId('add-member-form');
    await add.getByRole('radio', { name: judge.email }).check();
    await add.getByRole('radio', { name: '审判员', exact: true }).check();
    await add.getByRole('button', { name: '添加到案件' }).click();
    await expect(page.getByTestId('add-member-status')).toContainText('身份加入本案');
    await expect(page.getByTestId('case-people').locator('[data-role="judge"]')).toContainText(judge.name);

    for (const [who, role] of [
      [plaintiff, '原告'],
      [defendant, '被告'],
    ] as const) {
      const form = page.getByTestId('invite-party-form');
      await form.locator('input[type=email]').fill(who.email);
      await form.locator('input[name=name]').fill(who.name);
      await form.getByLabel(role, { exact: true }).check();
      await form.getByLabel(who.locale === 'en' ? 'English' : '中文', { exact: true }).check();
      await form.getByRole('button', { name: '添加或邀请' }).click();
      await expect(page.getByTestId('invite-party-form-status')).toContainText('邀请已发送');
      await expect(page.getByTestId('case-invitation-table')).toContainText(who.email);
    }
  });

  await test.step('the parties receive their invitations to the case, accept, and are on it', async () => {
    const plaintiffMail = await mailTo(plaintiff, `Invitation to Verity at ${court.nameEn}`);
    expectLanguage(plaintiffMail, plaintiff);
    expect(plaintiffMail.text).toContain(`${clerk.name} invites you to case ${caseNumber} at ${court.nameEn}`);
    const defendantMail = await mailTo(defendant, `${court.nameZh}邀请您使用 Verity`);
    expectLanguage(defendantMail, defendant);
    expect(defendantMail.text).toContain(`${clerk.name}邀请您参加${court.nameZh}的案件${caseNumber}`);
    await acceptInvitation(browser, plaintiff, plaintiffMail);
    await acceptInvitation(browser, defendant, defendantMail);

    const page = pageOf(clerk);
    await page.reload();
    await expect(page.getByTestId('case-people').locator('[data-role="plaintiff"]')).toContainText(plaintiff.name);
    await expect(page.getByTestId('case-people').locator('[data-role="defendant"]')).toContainText(defendant.name);
    await expect(page.getByTestId('case-invitation-table')).toHaveCount(0);
  });

  let exhibitUrl = '';
  await test.step('the plaintiff submits the deposited file as an exhibit', async () => {
    await signIn(plaintiff);
    const page = pageOf(plaintiff);
    await page.goto('/home');
    await page.getByTestId('case-link').filter({ hasText: caseNumber }).click();
    await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
    const form = page.getByTestId('submit-exhibit');
    await form.getByTestId('exhibit-file').setInputFiles(filePath);
    await form.getByTestId('exhibit-title').fill('Service contract, signed copy');
    await form.getByTestId('exhibit-deposit-id').fill(depositId);
    await form.getByRole('button', { name: 'Submit', exact: true }).click();
    const done = page.getByTestId('submitted');
    await expect(done).toBeVisible({ timeout: 30_000 });
    await expect(done).toHaveAttribute('data-verdict', 'consistent');
    await expect(done).toContainText('Exhibit 1 recorded');
  });

  await test.step('the defendant and the judge are told, in the portal and by e-mail, each in their language', async () => {
    await signIn(defendant);
    const toDefendant = `原告在案件${caseNumber}中提交了第 1 号证据。`;
    await expectNotified(defendant, toDefendant);
    await expectNotificationMail(defendant, toDefendant);

    const toJudge = `The plaintiff submitted exhibit 1 in case ${caseNumber}.`;
    await expectNotified(judge, toJudge);
    exhibitUrl = await expectNotificationMail(judge, toJudge);
    // The judge opened the exhibit from the e-mail: its verdict, and the deposit behind it.
    await expect(pageOf(judge).getByTestId('exhibit-page')).toHaveAttribute('data-verdict', 'consistent');
    await expect(pageOf(judge).getByTestId('deposit-record')).toContainText(depositId);
    await expect(pageOf(judge).getByTestId('deposit-record')).toContainText(orgName);
  });

  await test.step('the judge records a determination', async () => {
    const page = pageOf(judge);
    const form = page.getByTestId('determination-form');
    await form.getByRole('radio', { name: 'Admitted', exact: true }).check();
    await form.getByRole('textbox').fill('Consistent with the deposit record; admitted.');
    await form.getByRole('button', { name: 'Record the determination' }).click();
    await expect(page.getByTestId('determination-saved')).toBeVisible();
  });

  await test.step('the parties are told of the determination, in the portal and by e-mail', async () => {
    const toPlaintiff = `The judge recorded a determination on exhibit 1 in case ${caseNumber}.`;
    await expectNotified(plaintiff, toPlaintiff);
    expect(await expectNotificationMail(plaintiff, toPlaintiff)).toBe(exhibitUrl);
    const toDefendant = `法官对案件${caseNumber}的第 1 号证据作出了认定。`;
    await expectNotified(defendant, toDefendant);
    expect(await expectNotificationMail(defendant, toDefendant)).toBe(exhibitUrl);
    for (const who of [plaintiff, defendant]) {
      const determinations = pageOf(who).getByTestId('determinations');
      await expect(determinations.locator('li').first()).toHaveAttribute('data-outcome', 'accepted');
      await expect(determinations).toContainText('Consistent with the deposit record; admitted.');
    }
  });

  await test.step('nobody was told of what they did themselves', () => {
    const mails = smtp.messages();
    const about = (who: Person, words: string) =>
      mails.filter((m) => m.to.includes(who.email) && m.subject.includes(words));
    expect(about(plaintiff, 'submitted exhibit')).toEqual([]);
    expect(about(judge, 'determination')).toEqual([]);
    // One invitation each, one mail per event to each person told.
    for (const who of [judge, clerk, depositor, plaintiff, defendant]) {
      expect(mails.filter((m) => m.to.includes(who.email) && /Invitation|邀请您/.test(m.subject))).toHaveLength(1);
    }
    expect(mails.filter((m) => m.to.includes(defendant.email) && m.subject.startsWith('Verity 通知'))).toHaveLength(2);
  });

  test.info().annotations.push({ type: 'story', description: `${Math.round((Date.now() - started) / 1000)} s` });
});

test('Ctrl-C stops the portal and its database, leaving no process and no open port', async () => {
  test.setTimeout(60_000);
  // No process between npm and the portal that relays Ctrl-C with a deadline of its own: tsx's
  // command line gives its child 60 ms to answer a signal and then SIGKILLs it, which on a busy
  // machine cut the portal's shutdown short before "Stopped." (CI run d4). `npm start` runs
  // node with tsx as a loader instead.
  const processes = await portal.processes();
  expect(processes.filter((line) => /tsx[\\/]dist[\\/]cli|\/\.bin\/tsx\b/.test(line))).toEqual([]);
  expect(
    processes.filter((line) => /^\d+ \S*node .*--import tsx scripts\/start\.ts/.test(line)),
    processes.join('\n'),
  ).toHaveLength(1);
  const report = await portal.stop();
  expect(report.leftOver, report.output).toEqual([]);
  expect(report.openPorts).toEqual([]);
  expect(report.output).toContain('verity: Stopped.');
});
