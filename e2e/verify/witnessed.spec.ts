/**
 * Issue #18's acceptance on /verify, with the e2e server's three demo witnesses (quorum 2): a file
 * deposited and checked shows "witnessed by 2 of 3" with the two institutions' names; with two
 * witnesses paused (SIGSTOP) a new deposit is still recorded and the page says "not yet
 * witnessed"; once they resume (SIGCONT) the receipt upgrades and checking again says witnessed.
 * Both languages. The page decides from the cosignatures it checks, not from the receipt's hint.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { chooseFiles, fileRow, openVerifyPage } from './verify.helpers';
import {
  type DepositedFile,
  depositNewFile,
  isSealed,
  isWitnessed,
  NAMES,
  pauseWitnesses,
  receiptWhen,
} from './witnessed.helpers';

test.describe.configure({ mode: 'serial' });

const WORDS = {
  'zh-CN': {
    twoOfThree: `已由 3 家机构中的 2 家见证：${NAMES['zh-CN'][0]}、${NAMES['zh-CN'][1]}`,
    witnessed: /^已由 3 家机构中的 [23] 家见证：/,
    notYet: '尚未见证',
    notYetBody: '这条存证已在存证链上，但见证机构还没有确认存证链的这一版本。请稍后再核验一次。',
    consistent: '一致',
  },
  en: {
    twoOfThree: `Witnessed by 2 of 3 institutions: ${NAMES.en[0]}, ${NAMES.en[1]}`,
    witnessed: /^Witnessed by [23] of 3 institutions: /,
    notYet: 'Not yet witnessed',
    notYetBody:
      'The record is on the evidence ledger, but the institutions that witness it have not yet confirmed this version of it. Check again later.',
    consistent: 'Consistent',
  },
} as const;

async function openIn(browser: Browser, baseURL: string | undefined, locale: 'zh-CN' | 'en') {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
  const page = await context.newPage();
  await openVerifyPage(page);
  return { context, page };
}

/** Chooses the file (again) and returns its newest row once the verdict is in. */
async function check(page: Page, file: DepositedFile) {
  await chooseFiles(page, { name: file.name, mimeType: file.mimeType, buffer: file.buffer });
  const row = fileRow(page, file.name).first();
  await expect(row).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
  return row;
}

test('a deposited file is witnessed by 2 of 3, with their names, in both languages', async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  // The third institution is paused, so exactly the first two cosign the checkpoints to come.
  const resume = await pauseWitnesses(['association']);
  try {
    const file = await depositNewFile(request, 'witnessed');
    const receipt = await receiptWhen(request, file.id, isWitnessed, 45_000);
    expect(receipt.status === 'sealed' && receipt.witnessed).toEqual({
      quorum: 2,
      of: 3,
      by: [NAMES['zh-CN'][0], NAMES['zh-CN'][1]],
    });
    for (const locale of ['zh-CN', 'en'] as const) {
      const { context, page } = await openIn(browser, baseURL, locale);
      try {
        const row = await check(page, file);
        await expect(row.getByTestId('verdict-word')).toHaveText(WORDS[locale].consistent);
        const witnessing = row.getByTestId('witnessing');
        await expect(witnessing).toHaveAttribute('data-state', 'witnessed');
        await expect(witnessing.getByTestId('witnessing-words')).toHaveText(WORDS[locale].twoOfThree);
        // The technical details name whose signatures counted, checked against the pinned list.
        await row.getByTestId('details').locator('summary').click();
        await expect(row.getByTestId('witnessing-details')).toContainText(NAMES[locale][1] ?? '');
        await expect(row.getByTestId('witnessing-problems')).toHaveCount(0);
        // The page pinned the list of witnesses and says so among its technical details.
        await page.getByTestId('technical-details').locator('summary').click();
        await expect(page.getByTestId('witness-policy')).toContainText(NAMES[locale][2] ?? '');
        await expect(page.getByTestId('witness-policy-changed')).toHaveCount(0);
      } finally {
        await context.close();
      }
    }
  } finally {
    resume();
  }
});

test('with two witnesses paused a deposit is still recorded and not yet witnessed; once they return it upgrades', async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(240_000);
  const resume = await pauseWitnesses(['notary', 'forensics']);
  const pages = await Promise.all((['zh-CN', 'en'] as const).map((locale) => openIn(browser, baseURL, locale)));
  try {
    const file = await depositNewFile(request, 'paused');
    const sealed = await receiptWhen(request, file.id, isSealed, 20_000);
    expect(sealed.status === 'sealed' && sealed.witnessed).toBeNull();
    for (const [i, locale] of (['zh-CN', 'en'] as const).entries()) {
      const page = (pages[i] as { page: Page }).page;
      const row = await check(page, file);
      const witnessing = row.getByTestId('witnessing');
      await expect(witnessing).toHaveAttribute('data-state', 'not_witnessed');
      await expect(witnessing.getByTestId('witnessing-words')).toHaveText(WORDS[locale].notYet);
      await expect(witnessing).toContainText(WORDS[locale].notYetBody);
    }

    resume();
    const upgraded = await receiptWhen(request, file.id, isWitnessed, 150_000);
    expect(upgraded.status === 'sealed' && upgraded.witnessed?.by.length).toBeGreaterThanOrEqual(2);
    for (const [i, locale] of (['zh-CN', 'en'] as const).entries()) {
      const page = (pages[i] as { page: Page }).page;
      const row = await check(page, file);
      const witnessing = row.getByTestId('witnessing');
      await expect(witnessing).toHaveAttribute('data-state', 'witnessed');
      await expect(witnessing.getByTestId('witnessing-words')).toHaveText(WORDS[locale].witnessed);
      // The earlier row still says what was true when it was checked.
      await expect(fileRow(page, file.name).nth(1).getByTestId('witnessing')).toHaveAttribute(
        'data-state',
        'not_witnessed',
      );
    }
  } finally {
    resume();
    for (const { context } of pages) await context.close();
  }
});
