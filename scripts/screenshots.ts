/**
 * Screenshots of every page in both languages at desktop and phone widths, for a person to look at
 * (`npx tsx scripts/screenshots.ts <base URL> <out dir>`; defaults: http://localhost:3000,
 * /tmp/verity-shots). Needs a running portal with the demo data. Images stay out of the repository.
 *
 * With E2E_STATE_FILE naming the environment file of an e2e server (scripts/e2e-server.ts), it
 * first makes a case full of long real-world text (e2e/data/long-data.ts) and shows the pages
 * with that, as the layout must hold whatever a court's data holds. It prints, for each
 * screenshot, any element that sticks out past the right edge of the window.
 */
import { mkdir } from 'node:fs/promises';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { createLongData, type LongData } from '../e2e/data/data';
import { signInOverHttp } from '../e2e/fixtures';
import { overflowingElements } from '../e2e/responsive/overflow';
import { chromiumLaunch } from '../playwright.config';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = process.argv[3] ?? '/tmp/verity-shots';

const VIEWPORTS = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone390', { width: 390, height: 844 }],
  ['phone360', { width: 360, height: 780 }],
] as const;

const DEMO_PASSWORD = 'verity-demo-2026';
const problems: string[] = [];

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  for (const element of await overflowingElements(page)) problems.push(`${name}: ${element}`);
}

async function as(context: BrowserContext, page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await context.clearCookies({ name: /next-auth/ });
  await signInOverHttp(page.request, email, password);
}

async function main(): Promise<void> {
  await mkdir(out, { recursive: true });
  const long: LongData | undefined = process.env.E2E_STATE_FILE ? await createLongData() : undefined;
  if (long) console.log(`long data: case ${long.caseNumber} (${long.caseId})`);
  const browser = await chromium.launch(chromiumLaunch);
  for (const locale of ['zh-CN', 'en'] as const) {
    for (const [label, viewport] of VIEWPORTS) {
      const context = await browser.newContext({ baseURL: base, viewport });
      await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: base }]);
      const page = await context.newPage();
      const at = `${locale}-${label}`;
      await page.goto('/sign-in');
      await shoot(page, `sign-in-${at}`);
      await page.getByRole('button', { name: locale === 'en' ? 'Sign in' : '登录', exact: true }).click();
      await shoot(page, `sign-in-errors-${at}`);
      for (const email of ['litigant@demo.verity', 'judge@demo.verity', 'clerk@demo.verity', 'admin@demo.verity']) {
        await as(context, page, email);
        await page.goto('/home');
        await shoot(page, `home-${email.split('@')[0]}-${at}`);
      }
      await as(context, page, 'clerk@demo.verity');
      await page.goto('/cases/new');
      await page.locator('#caseNumber').fill(`（2026）京0491民初${'9'.repeat(12)}号-${'x'.repeat(60)}`);
      await page.locator('main form button[type="submit"]').first().click();
      await shoot(page, `new-case-errors-${at}`);
      await as(context, page, 'litigant@demo.verity');
      await page.goto('/admin/users');
      await shoot(page, `forbidden-${at}`);
      await page.goto('/verify');
      await shoot(page, `verify-${at}`);
      await context.clearCookies({ name: /next-auth/ });
      for (const [path, name] of [
        ['/forgot-password', 'forgot-password'],
        ['/reset-password/not-a-real-link', 'reset-password-forged'],
        ['/invitations/not-a-real-link', 'invitation-forged'],
        ['/setup', 'setup-no-link'],
      ] as const) {
        await page.goto(path);
        await shoot(page, `${name}-${at}`);
      }

      if (long) {
        await as(context, page, long.plaintiff.email, long.plaintiff.password);
        await page.goto('/home');
        await shoot(page, `long-home-plaintiff-${at}`);
        await page.goto(`/cases/${long.caseId}`);
        await shoot(page, `long-case-plaintiff-${at}`);
        await page.goto('/notifications');
        await shoot(page, `long-notifications-plaintiff-${at}`);
        await as(context, page, 'judge@demo.verity');
        await page.goto(`/cases/${long.caseId}`);
        await shoot(page, `long-case-judge-${at}`);
        await page.goto(`/cases/${long.caseId}/exhibits/${long.exhibitId}`);
        await page
          .getByTestId('browser-proof')
          .and(page.locator('[data-state="done"]'))
          .waitFor({ timeout: 20_000 })
          .catch(() => {});
        await shoot(page, `long-exhibit-judge-${at}`);
        await as(context, page, 'clerk@demo.verity');
        await page.goto('/home');
        await shoot(page, `long-docket-${at}`);
        await page.goto(`/cases/${long.caseId}/manage`);
        await shoot(page, `long-manage-${at}`);
        await page.goto(`/cases/${long.caseId}/manage?who=${encodeURIComponent('a')}`);
        await shoot(page, `long-manage-search-${at}`);
        await page.goto(`/cases/${long.caseId}/custody`);
        await shoot(page, `long-custody-${at}`);
        await as(context, page, 'admin@demo.verity');
        await page.goto('/admin/users');
        await shoot(page, `long-admin-users-${at}`);
        await page.goto('/admin/mail');
        await shoot(page, `long-admin-mail-${at}`);
        await page.goto('/admin/mail/mailbox');
        await shoot(page, `long-admin-mailbox-${at}`);
        for (const [path, name] of [
          ['/admin/users/invite', 'admin-invite'],
          ['/admin/invitations', 'admin-invitations'],
          ['/admin/depositors', 'admin-depositors'],
          ['/admin/court', 'admin-court'],
          ['/admin/sign-in', 'admin-oidc'],
        ] as const) {
          await page.goto(path);
          await shoot(page, `long-${name}-${at}`);
        }
        await page.goto(`/admin/users?q=${encodeURIComponent(long.depositor.email)}`);
        await page.locator('main a[href^="/admin/users/"]').filter({ hasText: long.depositor.name }).first().click();
        await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
        await shoot(page, `long-admin-person-${at}`);
        await page.goto(`/admin/depositors?q=${encodeURIComponent(long.orgName)}`);
        await page.locator('main a[href^="/admin/depositors/"]').first().click();
        await page.waitForURL(/\/admin\/depositors\/[0-9a-f-]{36}$/);
        await shoot(page, `long-admin-organisation-${at}`);
        await as(context, page, long.plaintiff.email, long.plaintiff.password);
        await page.goto('/account');
        await shoot(page, `long-account-plaintiff-${at}`);
        await as(context, page, long.depositor.email, long.depositor.password);
        await page.goto('/home');
        await shoot(page, `long-home-depositor-${at}`);
        await page.goto('/deposit');
        await shoot(page, `long-deposit-${at}`);
        await page.goto('/deposit/history');
        await shoot(page, `long-deposit-history-${at}`);
        await context.clearCookies({ name: /next-auth/ });
        await page.goto('/verify');
        await page.locator('#deposit-id').fill(long.depositId);
        await page.locator('main form button[type="submit"]').first().click();
        await page
          .getByTestId('lookup')
          .and(page.locator('[data-proof="ok"]'))
          .waitFor({ timeout: 20_000 })
          .catch(() => {});
        await shoot(page, `long-verify-deposit-${at}`);
        await page.goto(`/certificates/${long.certificateId}`);
        await page.waitForTimeout(1500); // the in-browser check
        await shoot(page, `long-certificate-${at}`);
        // A visitor who found it by number and check code: the code travels in the fragment.
        await page.goto(`/certificates/${long.certificateId}#code=${long.certificateCheckCode}`);
        await page.waitForTimeout(1500);
        await shoot(page, `long-certificate-with-code-${at}`);
        await page.goto('/certificates');
        await shoot(page, `certificate-lookup-${at}`);
      }
      await context.close();
    }
  }
  await browser.close();
  console.log(`Screenshots in ${out}`);
  console.log(problems.length ? `Sticking out past the window:\n${problems.join('\n')}` : 'Nothing sticks out.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
