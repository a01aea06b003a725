/**
 * Issue #17, every list paginated: a depositor organisation's admin page shows its API keys and
 * signing keys 25 a page each (both grow: revoked keys are kept), the pages of one list keeping
 * the other's, and fits a 360 px phone in both languages with long names and labels.
 */
import { demoEmail, expect, test } from '../fixtures';
import { contextAs } from '../lists/lists.data';
import { createKeysData, type KeysData } from '../lists/picker.data';
import { overflowingElements } from './overflow';

let data: KeysData;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  data = await createKeysData();
});

const STATUS = {
  'zh-CN': {
    keys: (page: number) => `API 密钥第 ${page} 页，共 2 页（共 27 个，每页 25 个，最新的在前）`,
    signing: (page: number) => `签名密钥第 ${page} 页，共 2 页（共 27 个，每页 25 个，最新的在前）`,
  },
  en: {
    keys: (page: number) => `API keys, page ${page} of 2 (27 in all, 25 a page, newest first)`,
    signing: (page: number) => `Signing keys, page ${page} of 2 (27 in all, 25 a page, newest first)`,
  },
} as const;

for (const locale of ['zh-CN', 'en'] as const) {
  test(`an organisation's 27 API keys and 27 signing keys come 25 a page and fit 360 px (${locale})`, async ({
    browser,
    baseURL,
  }) => {
    const w = STATUS[locale];
    const context = await contextAs(
      browser,
      { email: demoEmail('admin') },
      locale,
      { width: 360, height: 780 },
      baseURL,
    );
    const page = await context.newPage();
    await page.goto(`/admin/depositors/${data.orgId}`);
    const apiRows = page.getByTestId('api-key-table').locator('tbody tr');
    const signingRows = page.getByTestId('signing-key-table').locator('tbody tr');
    await expect(apiRows).toHaveCount(25);
    await expect(signingRows).toHaveCount(25);
    await expect(apiRows.first()).toContainText('_number_26_'); // newest first
    await expect(page.getByText(w.keys(1))).toBeVisible();
    expect(await overflowingElements(page), 'page 1 of both').toEqual([]);

    // The API keys' next page keeps the signing keys' page, and the other way round.
    await page.getByText(w.keys(1)).locator('..').getByTestId('page-next').click();
    await expect(page).toHaveURL(/[?&]keys=2/);
    await expect(apiRows).toHaveCount(2);
    await expect(signingRows).toHaveCount(25);
    await page.getByText(w.signing(1)).locator('..').getByTestId('page-next').click();
    await expect(page).toHaveURL(/keys=2&signing=2/);
    await expect(apiRows).toHaveCount(2);
    await expect(signingRows).toHaveCount(2);
    await expect(signingRows.last()).toContainText('_number_0_');
    expect(await overflowingElements(page), 'page 2 of both').toEqual([]);
    // Nonsense is page 1; beyond the end, the last page.
    await page.goto(`/admin/depositors/${data.orgId}?keys=junk&signing=99`);
    await expect(apiRows).toHaveCount(25);
    await expect(signingRows).toHaveCount(2);
    await context.close();
  });
}
