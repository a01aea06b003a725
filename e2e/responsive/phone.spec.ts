/**
 * Every page fits the window, on a 360 px phone and on a desktop, in both languages, with the
 * longest real-world text a court's data holds: a case number, title and cause of action as long
 * as the docket allows, people and a depositor organisation with long names and e-mail addresses,
 * an exhibit and a deposit with long titles and file names, and the exhibit's certificate. Each
 * worker makes that data itself (e2e/data/long-data.ts, random identities), checks that the page
 * shows it, then that nothing sticks out sideways (e2e/responsive/overflow.ts names what does).
 * Whatever other specs create meanwhile is on the pages too, and must fit as well.
 */
import type { Page } from '@playwright/test';
import { createLongData, type LongData } from '../data/data';
import { depositRow, dropFiles, randomFile } from '../deposit/deposit.helpers';
import { demoEmail, expect, signInOverHttp, test } from '../fixtures';
import { inEachViewAndLanguage, overflowingElements } from './overflow';

let long: LongData;

test.beforeAll(async () => {
  test.setTimeout(120_000); // argon2 for three new accounts, a deposit, a case and a certificate
  long = await createLongData();
});

async function expectFits(page: Page, what: string): Promise<void> {
  expect(await overflowingElements(page), what).toEqual([]);
}

async function open(page: Page, path: string, shows: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByText(shows, { exact: false }).first(), `${path} shows ${shows}`).toBeVisible();
  await expectFits(page, path);
}

inEachViewAndLanguage(test, () => {
  test('the sign-in page, the check page with a long deposit, and a certificate’s public page fit', async ({
    page,
  }) => {
    await page.goto('/sign-in');
    await page.locator('#email').fill(long.plaintiff.email);
    await page.locator('main form button[type="submit"]').click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expectFits(page, '/sign-in with errors');

    await page.goto('/verify');
    await page.locator('#deposit-id').fill(long.depositId);
    await page.locator('main form button[type="submit"]').click();
    const deposit = page.getByTestId('deposit').and(page.locator(`[data-deposit-id="${long.depositId}"]`));
    await expect(deposit).toContainText(long.orgName, { timeout: 20_000 });
    for (const summary of await page.locator('main summary').all()) await summary.click();
    await expectFits(page, '/verify with a deposit ID');

    // A visitor who found the certificate by its number and check code (the code in the fragment).
    await page.goto(`/certificates/${long.certificateId}#code=${long.certificateCheckCode}`);
    await expect(page.getByTestId('browser-check')).toHaveAttribute('data-browser-check', 'ok', {
      timeout: 20_000,
    });
    await expect(page.getByText(long.caseNumber).first()).toBeVisible();
    await expectFits(page, `/certificates/${long.certificateId}`);
  });

  test('the clerk’s docket, new case, case, exhibit and manage pages fit', async ({ page }) => {
    await signInOverHttp(page.request, demoEmail('clerk'));
    await open(page, '/home', long.caseNumber);
    await open(page, `/cases/${long.caseId}`, long.title);
    await open(page, `/cases/${long.caseId}/exhibits/${long.exhibitId}`, long.fileName);
    await open(page, `/cases/${long.caseId}/manage`, long.plaintiff.email);

    await page.goto('/cases/new');
    await page.locator('#caseNumber').fill(`${long.caseNumber}${long.fileName}`);
    await page.locator('#title').fill(long.title);
    await page.locator('main form button[type="submit"]').click();
    await expect(page.getByTestId('new-case-errors')).toBeVisible();
    await expectFits(page, '/cases/new with errors');
  });

  test('a party with a long name sees their home, case and exhibit pages fit', async ({ page }) => {
    await signInOverHttp(page.request, long.plaintiff.email, long.plaintiff.password);
    await open(page, '/home', long.caseNumber);
    await expect(page.getByTestId('signed-in-as')).toContainText(long.plaintiff.name);
    // (The case page lists its exhibits; the custody log there shows only its newest entries.)
    await open(page, `/cases/${long.caseId}`, long.title);
    await open(page, `/cases/${long.caseId}/exhibits/${long.exhibitId}`, long.depositId);
  });

  test('the judge’s home, case and exhibit pages fit, with the determination form', async ({ page }) => {
    await signInOverHttp(page.request, demoEmail('judge'));
    await open(page, '/home', long.caseNumber);
    await open(page, `/cases/${long.caseId}`, long.plaintiff.name);
    await open(page, `/cases/${long.caseId}/exhibits/${long.exhibitId}`, long.title);
  });

  test('the administrator’s home and users pages fit', async ({ page }) => {
    await signInOverHttp(page.request, demoEmail('admin'));
    // The home page lists the first accounts only (paged); this spec's are found by searching.
    await open(page, '/home', '系统管理员 Administrator');
    // The list is paged; other specs' accounts may come first, so it is searched for this one.
    await open(page, `/admin/users?q=${encodeURIComponent(long.depositor.email)}`, long.orgName);
  });

  test('a depositor with long names sees home and the deposit page fit, with a long file deposited', async ({
    page,
  }) => {
    await signInOverHttp(page.request, long.depositor.email, long.depositor.password);
    await open(page, '/home', long.orgName);
    await page.goto('/deposit');
    const file = randomFile(1024, `${long.fileName.slice(0, 200)}-${Date.now()}.png`);
    await dropFiles(page, [file]);
    const row = depositRow(page, file);
    await expect(row).toHaveAttribute('data-hash-state', 'done', { timeout: 20_000 });
    await row.locator('input[type="text"]').fill(long.title.slice(0, 120));
    await page.getByTestId('deposit-submit').click();
    await expect(row).toHaveAttribute('data-deposit-state', 'deposited', { timeout: 20_000 });
    await expectFits(page, '/deposit with a receipt');
  });
});
