/**
 * Issue #17: the exhibit page with an evidence exchange of long real-world text (long names and
 * titles, reasons with long unbroken addresses, a late mark, counter-evidence, a reply, the judge's
 * determination answering it) fits a 360 px phone and a 1280 px desktop in both languages, as each
 * person sees it (with their forms, also with the error summary shown); the custody log with the
 * exchange's events, their reasons unfolded; and the case and manage pages with the deadline.
 */
import { createExchangeCase, type ExchangeCase } from '../data/data';
import { demoEmail, expect, signInOverHttp, test } from '../fixtures';
import { inEachViewAndLanguage, overflowingElements } from './overflow';

let data: ExchangeCase;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  data = await createExchangeCase({ filled: true });
});

inEachViewAndLanguage(test, () => {
  for (const who of ['defendant', 'plaintiff', 'judge'] as const) {
    test(`the ${who} sees the exhibit page with the exchange fit`, async ({ page }) => {
      if (who === 'judge') await signInOverHttp(page.request, demoEmail('judge'));
      else await signInOverHttp(page.request, data[who].email, data[who].password);
      await page.goto(`/cases/${data.caseId}/exhibits/${data.exhibitId}`);
      const opinion = page.getByTestId('opinion');
      await expect(opinion).toContainText(data.counterExhibitTitle);
      await expect(opinion.getByTestId('late-mark')).toBeVisible();
      await expect(opinion.getByTestId('reply')).toBeVisible();
      for (const summary of await page.locator('main summary').all()) await summary.click();
      expect(await overflowingElements(page)).toEqual([]);
      const form = { defendant: 'opinion-form', plaintiff: 'reply-form', judge: 'determination-form' }[who];
      await page.getByTestId(form).locator('button[type="submit"]').click();
      await expect(page.getByRole('alert').first()).toBeVisible();
      expect(await overflowingElements(page), 'with errors').toEqual([]);
    });
  }

  test('the custody log with the exchange’s events (positions, late mark, reasons unfolded) fits', async ({ page }) => {
    await signInOverHttp(page.request, data.plaintiff.email, data.plaintiff.password);
    for (const kind of ['exchange', 'determination']) {
      await page.goto(`/cases/${data.caseId}/custody?kind=${kind}`);
      await expect(page.getByTestId('exchange-event').first()).toBeVisible();
      for (const summary of await page.locator('main summary').all()) await summary.click();
      expect(await overflowingElements(page), kind).toEqual([]);
    }
  });

  test('the case page (deadline) and the manage page (deadline form) fit', async ({ page }) => {
    await signInOverHttp(page.request, demoEmail('clerk'));
    await page.goto(`/cases/${data.caseId}`);
    await expect(page.getByTestId('exchange-deadline')).toHaveAttribute('data-passed', 'true');
    expect(await overflowingElements(page)).toEqual([]);
    await page.goto(`/cases/${data.caseId}/manage`);
    await expect(page.getByTestId('deadline-form')).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
  });
});
