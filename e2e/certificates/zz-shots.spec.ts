// Not committed: screenshots for looking at (issue #17, cert).
import { writeFileSync } from 'node:fs';
import { createCaseLikeDemo, issueCertificateFor } from '../data/data';
import { demoEmail, expect, signInOverHttp, test } from '../fixtures';

const OUT = '/tmp/shots-cert';
let ids: { consistent: string; notFound: string; tampered: string; caseId: string; notFoundExhibit: string };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const made = await createCaseLikeDemo(0);
  const [a, b, c] = made.exhibits;
  if (!a || !b || !c) throw new Error('x');
  const [x, y, z] = await Promise.all([
    issueCertificateFor(a.id),
    issueCertificateFor(b.id),
    issueCertificateFor(c.id),
  ]);
  ids = { consistent: x.id, tampered: y.id, notFound: z.id, caseId: made.caseId, notFoundExhibit: c.id };
});

for (const width of [1280, 390] as const) {
  for (const locale of ['zh-CN', 'en'] as const) {
    test(`shots ${width} ${locale}`, async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({
        baseURL,
        viewport: { width, height: width === 390 ? 844 : 900 },
        ...(width === 390 ? { isMobile: true, hasTouch: true } : {}),
      });
      await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
      const page = await context.newPage();
      for (const [name, id] of [
        ['consistent', ids.consistent],
        ['tampered', ids.tampered],
        ['notfound', ids.notFound],
      ] as const) {
        await page.goto(`/certificates/${id}`);
        await expect(page.getByTestId('browser-check')).toHaveAttribute('data-browser-check', 'ok', {
          timeout: 20_000,
        });
        await page.screenshot({ path: `${OUT}/cert-${name}-${width}-${locale}-first.png` });
        await page.screenshot({ path: `${OUT}/cert-${name}-${width}-${locale}-full.png`, fullPage: true });
      }
      for (const summary of await page.locator('main summary').all()) await summary.click();
      await page.screenshot({ path: `${OUT}/cert-notfound-${width}-${locale}-open.png`, fullPage: true });
      await page.goto('/certificates');
      await page.screenshot({ path: `${OUT}/lookup-${width}-${locale}.png`, fullPage: true });
      await page.locator('#number').fill('VC-2026-999999');
      await page.locator('#code').fill('ABCD-EFGH');
      await page.getByTestId('certificate-lookup-form').locator('button[type="submit"]').click();
      await expect(page.getByTestId('certificate-lookup-errors')).toBeVisible();
      await page.screenshot({ path: `${OUT}/lookup-error-${width}-${locale}.png`, fullPage: true });
      await signInOverHttp(page.request, demoEmail('litigant'));
      await page.goto(`/certificates/${ids.consistent}`);
      await page.screenshot({ path: `${OUT}/cert-consistent-party-${width}-${locale}.png`, fullPage: true });
      await signInOverHttp(page.request, demoEmail('judge'));
      await page.goto(`/cases/${ids.caseId}/exhibits/${ids.notFoundExhibit}`);
      await page.screenshot({ path: `${OUT}/exhibit-notfound-${width}-${locale}.png`, fullPage: true });
      if (width === 1280 && locale === 'zh-CN') {
        await signInOverHttp(page.request, demoEmail('clerk'));
        for (const [name, id] of Object.entries({ consistent: ids.consistent, notfound: ids.notFound })) {
          const response = await page.request.get(`/api/v1/certificates/${id}/pdf`);
          writeFileSync(`${OUT}/real-${name}.pdf`, await response.body());
        }
      }
      await context.close();
    });
  }
}
