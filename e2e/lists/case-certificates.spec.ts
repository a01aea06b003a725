/**
 * Issue #17, lists that scale: a case's certificates on its page 20 at a time (?certificates=N,
 * the exhibits' page kept), and an exhibit's verification history 10 at a time, newest first; in
 * both languages, fitting 360 px. Its own data: a case with 23 certificates, one exhibit checked
 * 13 times.
 */
import { expect, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { contextAs } from './lists.data';
import { type CertificatesData, createCertificatesData } from './picker.data';

let data: CertificatesData;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  data = await createCertificatesData();
});

const WORDS = {
  'zh-CN': {
    status1: '核验证书第 1 页，共 2 页（共 23 份，每页 20 份）',
    status2: '核验证书第 2 页，共 2 页（共 23 份，每页 20 份）',
    history: (total: number) =>
      `核验记录第 1 页，共 ${Math.ceil(total / 10)} 页（共 ${total} 条，每页 10 条，最新的在前）`,
  },
  en: {
    status1: 'Certificates, page 1 of 2 (23 in all, 20 a page)',
    status2: 'Certificates, page 2 of 2 (23 in all, 20 a page)',
    history: (total: number) =>
      `Verification history, page 1 of ${Math.ceil(total / 10)} (${total} in all, 10 a page, newest first)`,
  },
} as const;

for (const locale of ['zh-CN', 'en'] as const) {
  test(`a case's 23 certificates come 20 a page, an exhibit's history 10 (${locale})`, async ({ browser, baseURL }) => {
    test.slow();
    const w = WORDS[locale];
    const context = await contextAs(browser, data.plaintiff, locale, { width: 360, height: 780 }, baseURL);
    const page = await context.newPage();
    await page.goto(`/cases/${data.caseId}`);
    const section = page.getByTestId('case-certificates');
    const numbers = section.getByTestId('certificate-number');
    await expect(numbers).toHaveCount(20);
    await expect(numbers.first()).toHaveText(data.numbers[0] ?? '');
    await expect(section.getByRole('navigation')).toContainText(w.status1);
    // The ZIP link counts every standing certificate, not only this page's.
    await expect(section.getByTestId('download-certificates-zip')).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);

    await section.getByTestId('page-next').click();
    await expect(page).toHaveURL(/[?&]certificates=2/);
    await expect(numbers).toHaveCount(3);
    await expect(numbers).toHaveText(data.numbers.slice(20));
    await expect(section.getByRole('navigation')).toContainText(w.status2);
    // With the exhibits' page in the address too, and back to the first page of certificates.
    await page.goto(`/cases/${data.caseId}?page=1&certificates=2`);
    await expect(numbers).toHaveCount(3);
    await section.getByTestId('page-previous').click();
    await expect(numbers).toHaveCount(20);
    // A page beyond the end shows the last; nonsense shows the first.
    await page.goto(`/cases/${data.caseId}?certificates=99`);
    await expect(numbers).toHaveCount(3);
    await page.goto(`/cases/${data.caseId}?certificates=junk`);
    await expect(numbers).toHaveCount(20);

    // The exhibit checked 13 times: its history 10 a page, newest first.
    await page.goto(`/cases/${data.caseId}/exhibits/${data.exhibitId}`);
    const rows = page.getByTestId('verification-history').locator('tbody tr');
    await expect(rows).toHaveCount(10);
    await expect(
      page.getByRole('navigation', { name: locale === 'en' ? 'Pages of the verification history' : '核验记录分页' }),
    ).toContainText(w.history(data.historyTotal));
    expect(await overflowingElements(page)).toEqual([]);
    await page.getByTestId('page-next').click();
    await expect(page).toHaveURL(/[?&]history=2/);
    await expect(rows).toHaveCount(Math.min(10, data.historyTotal - 10));
    await context.close();
  });
}
