/**
 * Issue #17, basics: the case, exhibit, custody log and certificate pages print as records — no
 * header, navigation, language switch, buttons or forms; links keep their words; tables stay
 * tables with every column on A4, header rows repeated on each page. Checked with print media
 * emulated, and in a real A4 PDF from Chromium read back with pdftotext (poppler).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createLongData, type LongData } from '../data/data';
import { demoEmail, expect, test } from '../fixtures';
import { type CustodyData, contextAs, createCustodyData } from './lists.data';

let long: LongData;
let custody: CustodyData;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  [long, custody] = await Promise.all([createLongData(), createCustodyData()]);
});

/** What a printed page must not show, and must show, with print media emulated. */
async function expectPrintable(page: Page): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('navigation'))
    .toHaveCount(0, { timeout: 1 })
    .catch(() => undefined);
  expect(await page.locator('nav:visible').count(), 'navigation').toBe(0);
  expect(await page.locator('button:visible').count(), 'buttons').toBe(0);
  expect(await page.locator('form:visible').count(), 'forms').toBe(0);
  expect(await page.locator('select:visible, input:visible, textarea:visible').count(), 'controls').toBe(0);
  expect(await page.locator('footer:visible').count(), 'footer').toBe(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Tables are tables: their header row shows and rows are table rows, not stacked cards.
  for (const table of await page.locator('main table').all()) {
    await expect(table.locator('thead th').first()).toBeVisible();
    if ((await table.locator('tbody tr').count()) === 0) continue;
    const display = await table
      .locator('tbody tr')
      .first()
      .evaluate((tr) => getComputedStyle(tr).display);
    expect(display).toBe('table-row');
    expect(await table.evaluate((t) => getComputedStyle(t.querySelector('thead') as Element).display)).toBe(
      'table-header-group',
    );
  }
  // Back to no emulation: page.pdf() prints with print media unless screen media is emulated.
  await page.emulateMedia({ media: null });
}

/** Chromium's A4 PDF of the page, as text per page (pdftotext), kept for people to look at. */
async function printedPages(page: Page, name: string): Promise<string[]> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const dir = process.env.LISTS_SHOTS_DIR ?? test.info().outputPath('print');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim() !== '');
}

test('the case, exhibit, custody log and certificate pages print without navigation, buttons or forms', async ({
  browser,
  baseURL,
}) => {
  test.slow();
  const context = await contextAs(browser, { email: demoEmail('clerk') }, 'zh-CN', undefined, baseURL);
  const page = await context.newPage();
  await page.goto(`/cases/${long.caseId}`);
  await expectPrintable(page);
  const casePdf = await printedPages(page, 'case-zh');
  expect(casePdf.join('\n')).toContain('证据流转记录');
  expect(casePdf.join('\n')).not.toContain('退出登录');

  await page.goto(`/cases/${long.caseId}/exhibits/${long.exhibitId}`);
  await expectPrintable(page);
  const exhibitPdf = (await printedPages(page, 'exhibit-zh')).join('\n');
  // The link back to the case keeps its words on paper.
  expect(exhibitPdf).toContain('返回案件');
  expect(exhibitPdf).toContain(long.digests.sha256.slice(0, 16));

  await page.goto(`/certificates/${long.certificateId}`);
  await expectPrintable(page);
  expect((await printedPages(page, 'certificate-zh')).join('\n')).toContain(long.certificateNumber);
  await context.close();
});

for (const locale of ['zh-CN', 'en'] as const) {
  test(`the custody log prints every column, its header on every A4 page (${locale})`, async ({ browser, baseURL }) => {
    const context = await contextAs(browser, custody.plaintiff, locale, undefined, baseURL);
    const page = await context.newPage();
    await page.goto(`/cases/${custody.caseId}/custody?kind=access`);
    await expectPrintable(page);
    // The printout says which filter it shows (the form itself is not printed).
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('custody-filter-words')).toBeVisible();
    await page.emulateMedia({ media: null });
    const pages = await printedPages(page, `custody-${locale}`);
    expect(pages.length).toBeGreaterThan(1);
    const first = locale === 'zh-CN' ? '时间（北京时间）' : 'Time (Beijing time)';
    const last = locale === 'zh-CN' ? '记录' : 'Entry';
    for (const [i, text] of pages.entries()) {
      expect(text, `page ${i + 1} repeats the header`).toContain(first);
      expect(text, `page ${i + 1} has the last column`).toContain(last);
    }
    // Every row printed: 25 entries, each with its number (not the exhibits' 第 N 号证据).
    const entries = pages.join('\n').match(locale === 'zh-CN' ? /第 \d+ 号(?!证据)/g : /No\. \d+/g) ?? [];
    expect(entries.length).toBe(25);
    await context.close();
  });
}
