/**
 * Issue #17, every list paginated: the manage page's person search (20 results with long names
 * and addresses, and its error summary), the case page's certificates (a full page of 20 with long
 * exhibit titles, and the second page) and the exhibit page's verification history fit 360 and
 * 390 px phones in both languages.
 */
import type { Page } from '@playwright/test';
import { demoEmail, expect, test } from '../fixtures';
import { contextAs } from '../lists/lists.data';
import { type CertificatesData, createCertificatesData, createPeopleData, type PeopleData } from '../lists/picker.data';
import { overflowingElements } from './overflow';

let people: PeopleData;
let certificates: CertificatesData;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  [people, certificates] = await Promise.all([createPeopleData(), createCertificatesData()]);
});

async function expectFits(page: Page, what: string): Promise<void> {
  expect(await overflowingElements(page), what).toEqual([]);
}

for (const width of [360, 390]) {
  for (const locale of ['zh-CN', 'en'] as const) {
    test(`${width} px, ${locale}: the person search, the certificates and the history fit`, async ({
      browser,
      baseURL,
    }) => {
      test.slow();
      const viewport = { width, height: 800 };
      const clerk = await contextAs(browser, { email: demoEmail('clerk') }, locale, viewport, baseURL);
      const page = await clerk.newPage();
      await page.goto(`/cases/${people.caseId}/manage?who=${people.tag}`);
      await expect(page.getByTestId('person-results').getByRole('radio')).toHaveCount(20);
      await expectFits(page, 'manage, 20 results');
      await page.getByTestId('add-member-form').getByRole('button').click();
      await expect(page.getByTestId('add-member-errors')).toBeVisible();
      await expectFits(page, 'manage, with errors');
      await clerk.close();

      const party = await contextAs(browser, certificates.plaintiff, locale, viewport, baseURL);
      const mine = await party.newPage();
      await mine.goto(`/cases/${certificates.caseId}`);
      await expect(mine.getByTestId('certificate-number')).toHaveCount(20);
      await expectFits(mine, 'case page, certificates page 1');
      await mine.goto(`/cases/${certificates.caseId}?certificates=2`);
      await expect(mine.getByTestId('certificate-number')).toHaveCount(3);
      await expectFits(mine, 'case page, certificates page 2');
      await mine.goto(`/cases/${certificates.caseId}/exhibits/${certificates.exhibitId}`);
      await expect(mine.getByTestId('verification-history').locator('tbody tr')).toHaveCount(10);
      await expectFits(mine, 'exhibit page, history page 1');
      await party.close();
    });
  }
}
