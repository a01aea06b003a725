/**
 * The certificate lookup page and a certificate's public page fit a 360 px phone in both
 * languages, with long real-world data (e2e/data `long-case`: a long case number and exhibit
 * title, a depositor organisation with a very long name, parties with long names — masked here,
 * for an anonymous visitor), every disclosure open, and the lookup form's and the check code
 * form's errors shown.
 */
import { createLongData, type LongData } from '../data/data';
import { expect, test } from '../fixtures';
import { overflowingElements } from './overflow';

let long: LongData;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  long = await createLongData();
});

test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });

for (const locale of ['zh-CN', 'en'] as const) {
  test(`${locale}: /certificates and /certificates/{id} fit 360 px`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    await page.goto('/certificates');
    await page.locator('#number').fill('VC-2026-0000001234567890123456789');
    await page.getByTestId('certificate-lookup-form').locator('button[type="submit"]').click();
    await expect(page.getByTestId('certificate-lookup-errors')).toBeVisible();
    expect(await overflowingElements(page), '/certificates with errors').toEqual([]);

    // A visitor without the code: asked for it, also with the field's error shown.
    await page.goto(`/certificates/${long.certificateId}`);
    await expect(page.getByTestId('browser-check')).toHaveAttribute('data-browser-check', 'code');
    await page.locator('#check-code').fill('VC-2026-0000001234567890');
    await page.getByTestId('check-code-form').locator('button[type="submit"]').click();
    await expect(page.getByTestId('check-code-errors')).toBeVisible();
    expect(await overflowingElements(page), `/certificates/${long.certificateId}, code form`).toEqual([]);

    // After the lookup: the code in the fragment, the check done.
    await page.goto(`/certificates/${long.certificateId}#code=${long.certificateCheckCode}`);
    await expect(page.getByTestId('browser-check')).toHaveAttribute('data-browser-check', 'ok', { timeout: 20_000 });
    await expect(page.getByTestId('certified-sentence')).toContainText(long.title);
    await expect(page.getByTestId('certificate-facts')).toContainText(long.orgName);
    for (const summary of await page.locator('main summary').all()) await summary.click();
    expect(await overflowingElements(page), `/certificates/${long.certificateId}`).toEqual([]);
  });
}
