/**
 * Issue #17 point 3, one plain vocabulary, as people read it: the case page, an exhibit page and
 * the deposit page with a fresh receipt, in Chinese and English, at 1280 and 390 px, hold none of
 * the words messages/glossary.json bans (lib/i18n/glossary.test.ts checks every message; this
 * checks what the pages put together). Technical words may show only once a 技术细节 disclosure is
 * opened. VERITY_SHOTS_DIR=<dir> also saves a full-page screenshot of each page.
 */
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { type CaseLikeDemo, createCaseLikeDemo } from '../data/data';
import { depositRow, dropFiles, randomFile } from '../deposit/deposit.helpers';
import { type DemoRole, demoEmail, expect, signInOverHttp, test } from '../fixtures';

const BANNED = {
  'zh-CN': /账本|叶子|证据链|检查点|封存|证据保管链|申请鉴定|\((?:19|20)\d{2}\)|证据\d/,
  en: /\bleaf\b|\bcheckpoints?\b|\bsealed\b|chain of custody|ledger position|expert review requested/i,
} as const;
type Locale = keyof typeof BANNED;

const WIDTHS = [1280, 390] as const;
let data: CaseLikeDemo;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  data = await createCaseLikeDemo(0);
});

async function pageAs(browser: Browser, who: DemoRole, locale: Locale, width: number, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL }]);
  await signInOverHttp(context.request, demoEmail(who));
  return context.newPage();
}

async function expectPlain(page: Page, locale: Locale, shot: string): Promise<void> {
  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, without a closed 技术细节 disclosure
  const text = await page.locator('main').innerText();
  expect(text, shot).not.toMatch(BANNED[locale]);
  const dir = process.env.VERITY_SHOTS_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, `${shot}.png`), fullPage: true });
}

for (const locale of ['zh-CN', 'en'] as const) {
  for (const width of WIDTHS) {
    test(`case and exhibit pages speak plainly (${locale}, ${width} px)`, async ({ browser, baseURL }) => {
      test.setTimeout(60_000);
      const page = await pageAs(browser, 'judge', locale, width, baseURL ?? '');
      await page.goto(`/cases/${data.caseId}`);
      await expect(page.getByTestId('case-number')).toHaveText(data.caseNumber);
      expect(data.caseNumber).toMatch(/^（2026）京0491民初\d+号$/);
      await expect(page.locator('#custody-heading')).toHaveText(locale === 'zh-CN' ? '证据流转记录' : 'Custody log');
      await expectPlain(page, locale, `case-${locale}-${width}`);

      const consistent = data.exhibits.find((e) => e.verdict === 'consistent');
      await page.goto(`/cases/${data.caseId}/exhibits/${consistent?.id}`);
      await expect(page.getByTestId('browser-proof')).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
      const position = page.getByTestId('deposit-position');
      const n = Number(await position.getAttribute('data-leaf-index')) + 1;
      await expect(position).toContainText(locale === 'zh-CN' ? `${n.toLocaleString('zh-CN')}（共 ` : `${n} of `);
      await expect(page.getByTestId('scope-panel')).toContainText(
        locale === 'zh-CN'
          ? '可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外'
          : 'unless there is evidence to the contrary',
      );
      await expectPlain(page, locale, `exhibit-${locale}-${width}`);
      await page.getByTestId('browser-proof').locator('summary').click();
      await expect(page.getByTestId('browser-proof').locator('details')).toContainText(
        locale === 'zh-CN' ? `叶子序号（leaf index，从 0 起算）：${n - 1}` : `Leaf index (counted from 0): ${n - 1}`,
      );
      await page.context().close();
    });

    test(`the deposit page and its receipt speak plainly (${locale}, ${width} px)`, async ({ browser, baseURL }) => {
      const page = await pageAs(browser, 'depositor', locale, width, baseURL ?? '');
      await page.goto('/deposit');
      const file = randomFile(1500, `合同扫描件-${width}-${locale}.pdf`);
      await dropFiles(page, [file]);
      const row = depositRow(page, file);
      await expect(row).toHaveAttribute('data-hash-state', 'done', { timeout: 20_000 });
      await page.getByRole('button', { name: locale === 'zh-CN' ? '存证 1 个文件' : /Deposit 1 file/ }).click();
      const receipt = row.getByTestId('receipt');
      await expect(receipt).toHaveAttribute('data-receipt-status', 'sealed', { timeout: 20_000 });
      await expect(receipt).toContainText(locale === 'zh-CN' ? '链上序号' : 'Record on the ledger');
      await expect(receipt).toContainText(locale === 'zh-CN' ? '已上链' : 'Recorded');
      await expectPlain(page, locale, `deposit-${locale}-${width}`);
      await page.context().close();
    });
  }
}
