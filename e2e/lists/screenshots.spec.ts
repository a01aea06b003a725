/**
 * Not a test: pictures of issue #17's list pages for a person to look at, taken only when
 * LISTS_SHOTS_DIR names a folder (skipped otherwise): the case page's custody summary, the custody
 * log page (all, filtered, with errors), the docket (paged, searched, with errors) and the admin's
 * home, at 1280 and 390 px in both languages; and the printed (A4 PDF) case, exhibit, custody log
 * and certificate pages rendered to PNG with pdftoppm.
 *
 *   LISTS_SHOTS_DIR=/tmp/shots-lists npx playwright test e2e/lists/screenshots.spec.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createLongData, type LongData } from '../data/data';
import { demoEmail, expect, test } from '../fixtures';
import { type CustodyData, contextAs, createCustodyData, createDocketData, type DocketData } from './lists.data';

const dir = process.env.LISTS_SHOTS_DIR ?? '';
test.skip(!dir, 'set LISTS_SHOTS_DIR to take the pictures');

let custody: CustodyData;
let docket: DocketData;
let long: LongData;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  [custody, docket, long] = await Promise.all([createCustodyData(), createDocketData(), createLongData()]);
});

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

async function printed(page: Page, name: string): Promise<void> {
  const file = path.join(dir, `print-${name}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
  execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(dir, `print-${name}`)]);
}

for (const locale of ['zh-CN', 'en'] as const) {
  for (const width of [1280, 390]) {
    test(`list pages at ${width} px in ${locale}`, async ({ browser, baseURL }) => {
      test.setTimeout(180_000);
      const at = `${locale}-${width}`;
      const viewport = { width, height: width > 400 ? 900 : 844 };
      const judge = await contextAs(browser, { email: demoEmail('judge') }, locale, viewport, baseURL);
      let page = await judge.newPage();
      await page.goto(`/cases/${custody.caseId}`);
      await expect(page.getByTestId('custody-summary')).toBeVisible();
      await shoot(page, `case-${at}`);
      await page.goto(`/cases/${custody.caseId}/custody`);
      await shoot(page, `custody-${at}`);
      await page.goto(`/cases/${custody.caseId}/custody?kind=access&from=2026-03-03&to=2026-03-04`);
      await shoot(page, `custody-filtered-${at}`);
      await page.goto(`/cases/${custody.caseId}/custody?kind=everything&from=2026-02-30&to=2026-01-01`);
      await shoot(page, `custody-errors-${at}`);
      await judge.close();

      const litigant = await contextAs(browser, docket.litigant, locale, viewport, baseURL);
      page = await litigant.newPage();
      await page.goto('/home');
      await shoot(page, `docket-${at}`);
      await page.goto(`/home?number=${encodeURIComponent(`（2026）京0491民初${docket.base}1`)}&status=open`);
      await shoot(page, `docket-searched-${at}`);
      await page.goto('/home?status=pending&page=x');
      await shoot(page, `docket-errors-${at}`);
      await litigant.close();

      const admin = await contextAs(browser, { email: demoEmail('admin') }, locale, viewport, baseURL);
      page = await admin.newPage();
      await page.goto('/home');
      await shoot(page, `admin-home-${at}`);
      await admin.close();

      if (width === 1280) {
        const clerk = await contextAs(browser, { email: demoEmail('clerk') }, locale, viewport, baseURL);
        page = await clerk.newPage();
        await page.goto(`/cases/${long.caseId}`);
        await printed(page, `case-${locale}`);
        await page.goto(`/cases/${long.caseId}/exhibits/${long.exhibitId}`);
        await printed(page, `exhibit-${locale}`);
        await page.goto(`/cases/${custody.caseId}/custody`);
        await printed(page, `custody-${locale}`);
        await page.goto(`/certificates/${long.certificateId}`);
        await page.waitForTimeout(1500);
        await printed(page, `certificate-${locale}`);
        await clerk.close();
      }
    });
  }
}
