/**
 * A clerk adds the parties of a case by e-mail, in a real browser at 390 px, in both languages: an
 * address with an account is added at once; a new one is invited, accepts in a browser of its own,
 * and is then one of the case's people.
 */
import { randomUUID } from 'node:crypto';
import { expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { invitationLink, makeDocket } from './admin.data';

test.use({ viewport: { width: 390, height: 844 } });
// Two people's sign-ups and a page check in each language: longer than the default 30 s on a busy machine.
test.setTimeout(90_000);

const WORDS = {
  'zh-CN': {
    plaintiff: '原告',
    defendant: '被告',
    submit: '添加或邀请',
    invited: '邀请已发送',
    added: '已加入本案',
    create: '创建我的账户',
    accepted: '已创建',
  },
  en: {
    plaintiff: 'Plaintiff',
    defendant: 'Defendant',
    submit: 'Add or invite',
    invited: 'Invitation sent',
    added: 'is added to the case',
    create: 'Create my account',
    accepted: 'is ready',
  },
} as const;

for (const locale of ['zh-CN', 'en'] as const) {
  const w = WORDS[locale];
  test(`adds an existing party and invites a new one (${locale})`, async ({ page, browser, context, baseURL }) => {
    const docket = await makeDocket();
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    await signInOverHttp(page.request, docket.clerkEmail, docket.password);
    await page.goto(`/cases/${docket.caseId}/manage`);
    const form = page.getByTestId('invite-party-form');

    await form.locator('input[type=email]').fill(docket.litigantEmail);
    await form.locator('input[name=name]').fill('ignored');
    await form.getByLabel(w.defendant, { exact: true }).check();
    await form.getByRole('button', { name: w.submit }).click();
    await expect(page.getByTestId('invite-party-form-status')).toContainText(w.added);

    const email = `new-party-${randomUUID().slice(0, 8)}@e2e.example`;
    await form.locator('input[type=email]').fill(email);
    await form.locator('input[name=name]').fill('新原告 New Plaintiff');
    await form.getByLabel(w.plaintiff, { exact: true }).check();
    await form.getByRole('button', { name: w.submit }).click();
    await expect(page.getByTestId('invite-party-form-status')).toContainText(w.invited);
    await expect(page.getByTestId('case-invitation-table')).toContainText(email);
    expect(await overflowingElements(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const link = await invitationLink(email);
    const invitee = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await invitee.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    const theirs = await invitee.newPage();
    await theirs.goto(new URL(link).pathname);
    await theirs.locator('input[type=password]').fill('a long enough passphrase');
    await theirs.getByRole('button', { name: w.create }).click();
    // The status line is always in the page (visually hidden until there is news): wait for the
    // account to exist before closing the browser, or the submission may be cut off.
    await expect(theirs.getByTestId('accept-form-status')).toContainText(w.accepted);
    await invitee.close();

    await page.reload();
    await expect(page.getByTestId('case-people')).toContainText('新原告 New Plaintiff');
    await expect(page.getByTestId('case-invitation-table')).toHaveCount(0);
  });
}
