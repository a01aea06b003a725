/**
 * /verify's verdict panels fit a 360 px phone with long real-world data, in both languages: a
 * pasted digest of a deposit by a depositor with a long name (consistent, with its limits), a file
 * with a long unbroken name (not found, the invitation, the deposit ID field naming that file),
 * then the same file compared with that deposit (does not match, side by side), details open.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { createLongData, type LongData } from '../data/data';
import { expect, test } from '../fixtures';
import { chooseFiles, fileRow, openVerifyPage, resultRows } from '../verify/verify.helpers';
import { overflowingElements } from './overflow';

let long: LongData;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  long = await createLongData();
});

test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });

async function expectFits(page: Page, what: string): Promise<void> {
  const closed = page.locator('main details:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
  expect(await overflowingElements(page), what).toEqual([]);
}

for (const locale of ['zh-CN', 'en'] as const) {
  test(`the verdicts fit 360 px with long names, titles and IDs, in ${locale}`, async ({ page, context, baseURL }) => {
    test.setTimeout(90_000); // three checks, each waiting for the ledger, and three overflow scans
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    await openVerifyPage(page);

    await page.locator('#digest').fill(long.digests.sha256);
    await page.locator('main form button[type="submit"]').click();
    const digestRow = resultRows(page).and(page.locator('[data-kind="digest"]'));
    await expect(digestRow).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
    await expect(digestRow.getByTestId('verdict-panel')).toContainText(long.orgName);
    await expect(digestRow.getByTestId('verdict-limits')).toBeVisible();
    await expectFits(page, 'consistent, with a long depositor name');

    const name = `${long.fileName.replace(/\.png$/, '')}_edited-after-deposit_${'x'.repeat(60)}.png`;
    await chooseFiles(page, { name, mimeType: 'image/png', buffer: randomBytes(4096) });
    const row = fileRow(page, name);
    await expect(row).toHaveAttribute('data-verdict', 'not_found', { timeout: 20_000 });
    await row.getByTestId('verdict-invite').getByRole('button').click();
    await page.locator('#deposit-id').fill(long.depositId);
    await expect(page.getByTestId('compare-with')).toContainText(name);
    await expectFits(page, 'not found, and the deposit ID field naming a long file name');

    await page.locator('main form button[type="submit"]').click();
    await expect(row).toHaveAttribute('data-verdict', 'tampered', { timeout: 20_000 });
    await expect(row.getByTestId('comparison')).toContainText(long.orgName);
    await expectFits(page, 'does not match, compared side by side');
  });
}
