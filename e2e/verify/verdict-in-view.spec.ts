/**
 * Issue #17 points 1 and 2: after a file is chosen, its verdict is shown where the person is
 * looking — a panel inside the window that holds focus and whose sentence is announced — on a
 * 1280×900 desktop and a 390×844 phone, in both languages. Consistent shows, next to the verdict,
 * what it proves (art. 16) and what it does not; a one-byte change says what is known and invites
 * the deposit ID from the receipt, which then compares the same file with that deposit: does not
 * match. With SHOTS_VERIFY set, each state is also photographed there (what the window shows).
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { chooseFiles, demoFile, fileRow, openVerifyPage, sealedDeposit, withOneByteChanged } from './verify.helpers';

const WORDS = {
  'zh-CN': {
    consistent: '一致',
    proven: '存证以来未被修改',
    art16: '可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外',
    doesNotProve: '文件由谁制作，内容是否真实',
    notFound: '未找到存证',
    notFoundSentence:
      '没有任何存证与此文件完全相同：此文件可能从未存证，也可能与存证的文件有所不同，哪怕只相差一个字节。',
    invite: '输入回执上的存证编号',
    depositId: '存证编号（选填）',
    compare: '与此存证比对',
    tampered: '不一致',
    tamperedSentence: '此文件不是存证',
  },
  en: {
    consistent: 'Consistent',
    proven: 'has not changed since it was deposited',
    art16: 'it may be found unaltered since it was recorded, unless evidence to the contrary suffices',
    doesNotProve: 'Who made the file, whether its content is true',
    notFound: 'No deposit found',
    notFoundSentence:
      'No deposit holds exactly this file: it was never deposited, or it differs from the deposited file by as little as one byte.',
    invite: 'Enter the deposit ID from the receipt',
    depositId: 'Deposit ID (optional)',
    compare: 'Compare with this deposit',
    tampered: 'Does not match',
    tamperedSentence: 'This file is not the one recorded in deposit',
  },
} as const;

const VIEWS = [
  { name: '1280x900', viewport: { width: 1280, height: 900 } },
  { name: '390x844', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

/** The panel lies wholly inside the window, and focus is on it or inside it. */
async function expectInViewWithFocus(page: Page, panel: Locator): Promise<void> {
  await expect(panel).toBeInViewport({ ratio: 1 });
  await expect.poll(() => panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  const box = await panel.boundingBox();
  const window = page.viewportSize();
  expect(box && window).toBeTruthy();
  if (box && window) {
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(window.height);
  }
}

/** The status region announces the verdict's word and sentence. */
async function expectAnnounced(page: Page, name: string, word: string, sentence: string): Promise<void> {
  const status = page.getByTestId('announcement');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText(name);
  await expect(status).toContainText(word);
  await expect(status).toContainText(sentence);
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_VERIFY;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

for (const view of VIEWS) {
  for (const locale of ['zh-CN', 'en'] as const) {
    const w = WORDS[locale];
    test.describe(`at ${view.name}, in ${locale}`, () => {
      test.use({ viewport: view.viewport, isMobile: 'isMobile' in view, hasTouch: 'hasTouch' in view });
      test.beforeEach(async ({ context, baseURL }) => {
        await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
      });

      test('a consistent file: the verdict is in view, holds focus, is announced, and says what it proves and what not', async ({
        page,
      }) => {
        const file = demoFile(0);
        await sealedDeposit(page.request, file.sha256);
        await openVerifyPage(page);
        await shot(page, `empty-${view.name}-${locale}`);
        await chooseFiles(page, file.path);

        const row = fileRow(page, file.name);
        await expect(row).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
        const panel = row.getByTestId('verdict-panel');
        await expect(panel.getByTestId('verdict-word')).toHaveText(w.consistent);
        await expectInViewWithFocus(page, panel);
        // The limits are next to the verdict, open, not folded away at the bottom.
        const limits = panel.getByTestId('verdict-limits');
        await expect(limits).toBeVisible();
        await expect(limits).toContainText(w.art16);
        await expect(limits).toContainText(w.doesNotProve);
        await expectAnnounced(page, file.name, w.consistent, w.proven);
        await shot(page, `consistent-${view.name}-${locale}`);
      });

      test('one byte changed: not found, in view with focus; the receipt’s deposit ID then says it does not match', async ({
        page,
      }) => {
        const file = demoFile(2);
        const deposit = await sealedDeposit(page.request, file.sha256);
        await openVerifyPage(page);
        await chooseFiles(page, {
          name: 'changed.txt',
          mimeType: 'text/plain',
          buffer: withOneByteChanged(file.bytes),
        });

        const row = fileRow(page, 'changed.txt');
        await expect(row).toHaveAttribute('data-verdict', 'not_found', { timeout: 20_000 });
        const panel = row.getByTestId('verdict-panel');
        await expect(panel.getByTestId('verdict-word')).toHaveText(w.notFound);
        await expect(panel.getByTestId('verdict-sentence')).toHaveText(w.notFoundSentence);
        await expect(panel.getByTestId('verdict-limits')).toHaveCount(0);
        await expectInViewWithFocus(page, panel);
        await expectAnnounced(page, 'changed.txt', w.notFound, w.notFoundSentence);
        await shot(page, `not-found-${view.name}-${locale}`);

        // The invitation focuses the deposit ID field, which now says which file it will compare.
        await panel.getByRole('button', { name: w.invite }).click();
        const idField = page.getByLabel(w.depositId);
        await expect(idField).toBeFocused();
        await expect(idField).toBeInViewport();
        await expect(page.getByTestId('compare-with')).toContainText('changed.txt');
        await page.keyboard.type(deposit.id);
        await shot(page, `enter-id-${view.name}-${locale}`);
        await page.getByRole('button', { name: w.compare }).click();

        // The same row, now compared with that one deposit: does not match, in view, with focus.
        await expect(row).toHaveAttribute('data-verdict', 'tampered', { timeout: 20_000 });
        await expect(row).toContainText(deposit.id);
        await expect(panel.getByTestId('verdict-word')).toHaveText(w.tampered);
        await expect(panel.getByTestId('verdict-sentence')).toContainText(`${w.tamperedSentence} ${deposit.id}`);
        await expectInViewWithFocus(page, panel);
        await expectAnnounced(page, 'changed.txt', w.tampered, w.tamperedSentence);
        await expect(row.getByTestId('comparison')).toContainText(deposit.depositor.name);
        await expect(page.getByTestId('compare-with')).toHaveCount(0);
        await shot(page, `does-not-match-${view.name}-${locale}`);
        if (process.env.SHOTS_VERIFY) {
          await page.screenshot({
            path: path.join(process.env.SHOTS_VERIFY, `does-not-match-${view.name}-${locale}-full.png`),
            fullPage: true,
          });
        }
      });
    });
  }
}

test('a verdict does not take focus from a person who has moved on', async ({ page }) => {
  const file = demoFile(0);
  await sealedDeposit(page.request, file.sha256);
  await openVerifyPage(page);
  // Hold the ledger's answer until the person is typing elsewhere.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/v1/deposits?**', async (route) => {
    await held;
    await route.continue();
  });
  await chooseFiles(page, file.path);
  const row = fileRow(page, file.name);
  await expect(row).toHaveAttribute('data-hash-state', 'done', { timeout: 20_000 });
  const digestField = page.locator('#digest');
  await digestField.focus();
  await page.keyboard.type('abc');
  release();
  await expect(row).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
  await expect(digestField).toBeFocused();
  await expect(digestField).toHaveValue('abc');
  await expect(row.getByTestId('verdict-panel')).not.toBeFocused();
});
