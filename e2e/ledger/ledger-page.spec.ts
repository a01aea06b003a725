/**
 * Issue #18: the public ledger page (/ledger), without signing in, in both languages: the number of
 * deposits, the witnesses and the signatures checked in the browser; the search by digest (SHA-256
 * and SM3) and by deposit ID, a certificate number sent to the lookup, a malformed search saying what
 * is wrong; paging; the fork alarm of /verify (this browser's remembered signed state) shown here too;
 * and a witness's alarm — a real witness shown two histories of the log
 * (e2e/data `createWitnessAlarm`) — said in plain words, with the evidence in technical details.
 */
import type { Page } from '@playwright/test';
import { createDepositHistory, createWitnessAlarm, type DepositHistoryData } from '../data/data';
import { expect, seriousA11yViolations, test } from '../fixtures';
import { depositRandomDigest } from '../verify/verify.helpers';

let data: DepositHistoryData;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  data = await createDepositHistory(3);
});

async function inLanguage(page: Page, baseURL: string | undefined, locale: 'zh-CN' | 'en'): Promise<void> {
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
}

const WITNESSES = {
  'zh-CN': ['示范公证处', '示范司法鉴定中心', '示范行业协会'],
  en: ['Demo Notary Office', 'Demo Forensic Appraisal Centre', 'Demo Industry Association'],
};

test.describe('without signing in', () => {
  test('shows the number of deposits and who witnessed, checked in the browser (中文)', async ({ page, baseURL }) => {
    await inLanguage(page, baseURL, 'zh-CN');
    await page.goto('/ledger');
    await expect(page.getByRole('heading', { level: 1, name: '存证链公示' })).toBeVisible();
    await expect(page.getByTestId('ledger-records')).toHaveText(/^链上共 \d+ 条存证$/);
    const records = Number(await page.getByTestId('ledger-records').getAttribute('data-records'));
    expect(records).toBeGreaterThanOrEqual(3);
    const witnesses = page.getByTestId('witness');
    await expect(witnesses).toHaveCount(3);
    for (const [i, name] of WITNESSES['zh-CN'].entries()) await expect(witnesses.nth(i)).toContainText(name);
    await expect(page.getByTestId('signature-check')).toHaveAttribute('data-state', 'checked', { timeout: 15_000 });
    await expect(page.getByTestId('signature-check-status')).toHaveText(
      /本页在您的浏览器中核对了存证链的签名和 [23] 家见证机构的签名。/,
    );
    await expect(page.getByTestId('ledger-witnessed')).toHaveText(/已由 3 家见证机构中的 [23] 家见证/);
    await expect(page.locator('[data-witness-state="checked"]').first()).toContainText('签名已在您的浏览器中核对');
    // The check /verify makes on opening, with the same memory: this browser's first visit.
    await expect(page.getByTestId('remembered-ledger-check')).toHaveAttribute('data-ledger', 'ok');
    await expect(page.getByTestId('ledger-status')).toContainText('由存证链密钥签名');
    // The newest deposits: ours, with the organisation's long name and both digests grouped by 8.
    const newest = page.getByTestId('ledger-recent-list').getByTestId('ledger-deposit');
    await expect(newest.first()).toContainText(/链上序号 \d+（共 \d+ 条）/);
    await expect(page.getByRole('link', { name: '存证链公示' })).toBeVisible(); // the header's link
  });

  test('says the same in English', async ({ page, baseURL }) => {
    await inLanguage(page, baseURL, 'en');
    await page.goto('/ledger');
    await expect(page.getByRole('heading', { level: 1, name: 'The evidence ledger' })).toBeVisible();
    await expect(page.getByTestId('ledger-records')).toHaveText(/^\d+ deposits on the ledger$/);
    const witnesses = page.getByTestId('witness');
    for (const [i, name] of WITNESSES.en.entries()) await expect(witnesses.nth(i)).toContainText(name);
    await expect(page.getByTestId('signature-check-status')).toHaveText(
      /This page checked, in your browser, the ledger’s signature and the signatures of [23] witnesses\./,
      { timeout: 15_000 },
    );
    await expect(page.getByTestId('ledger-witnessed')).toHaveText(/Witnessed by [23] of 3/);
  });

  test('finds a deposit by its SHA-256 digest, its SM3 digest and its deposit ID', async ({ page, baseURL }) => {
    await inLanguage(page, baseURL, 'zh-CN');
    const [first, second] = data.deposits as [
      DepositHistoryData['deposits'][number],
      DepositHistoryData['deposits'][number],
    ];
    await page.goto('/ledger');
    const search = page.getByLabel('摘要值、存证编号或证书编号');
    // As a person copies it from a page that shows digests in groups of 8.
    await search.fill(first.sha256.toUpperCase().replace(/(.{8})/g, '$1 '));
    await page.getByTestId('ledger-search-submit').click();
    const results = page.getByTestId('ledger-search-results');
    await expect(results).toHaveAttribute('data-kind', 'digest');
    await expect(results.getByTestId('ledger-search-count')).toHaveText('1 条存证记录了这个摘要值。');
    const found = results.getByTestId('ledger-deposit');
    await expect(found).toHaveCount(1);
    await expect(found).toHaveAttribute('data-deposit-id', first.id);
    await expect(found.getByTestId('ledger-deposit-depositor')).toHaveText(data.orgName);
    await expect(found).not.toContainText(first.title); // titles are the depositor's, not public

    await page.getByLabel('摘要值、存证编号或证书编号').fill(second.sm3);
    await page.getByTestId('ledger-search-submit').click();
    await expect(page.getByTestId('ledger-search-results').getByTestId('ledger-deposit')).toHaveAttribute(
      'data-deposit-id',
      second.id,
    );

    await page.getByLabel('摘要值、存证编号或证书编号').fill(second.id);
    await page.getByTestId('ledger-search-submit').click();
    await expect(page.getByTestId('ledger-search-results')).toHaveAttribute('data-kind', 'deposit');
    const byId = page.getByTestId('ledger-search-results').getByTestId('ledger-deposit');
    await expect(byId).toHaveAttribute('data-deposit-id', second.id);
    await byId.getByRole('link', { name: '在核验页核对这条存证' }).click();
    await expect(page).toHaveURL(new RegExp(`/verify\\?deposit=${second.id}$`));
  });

  test('a malformed search says what is wrong, in both languages', async ({ page, baseURL }) => {
    await inLanguage(page, baseURL, 'zh-CN');
    await page.goto('/ledger?q=abc123');
    await expect(page.getByTestId('ledger-search-errors')).toContainText(
      'SHA-256 或 SM3 摘要值由 64 位十六进制字符组成，您输入了 6 位',
    );
    await expect(page.getByLabel('摘要值、存证编号或证书编号')).toHaveAttribute('aria-invalid', 'true');
    await page.goto('/ledger?q=%E5%90%88%E5%90%8C');
    await expect(page.getByTestId('ledger-search-errors')).toContainText('无法识别');
    await inLanguage(page, baseURL, 'en');
    await page.goto('/ledger?q=');
    await expect(page.getByTestId('ledger-search-errors')).toContainText(
      'Enter a digest, a deposit ID or a certificate number',
    );
  });

  test('sends a certificate number to the lookup, which asks for the check code', async ({ page, baseURL }) => {
    await inLanguage(page, baseURL, 'zh-CN');
    await page.goto('/ledger?q=vc-2026-000001');
    await expect(page.getByTestId('ledger-search-results')).toHaveAttribute('data-kind', 'certificate');
    await page.getByTestId('ledger-certificate-link').click();
    await expect(page).toHaveURL(/\/certificates\?number=VC-2026-000001$/);
    await expect(page.getByLabel('证书编号')).toHaveValue('VC-2026-000001');
    await expect(page.getByLabel('校验码')).toHaveValue('');
  });

  test('pages through the deposits, newest first', async ({ page, baseURL }) => {
    await inLanguage(page, baseURL, 'en');
    await page.goto('/ledger');
    const firstPage = await page
      .getByTestId('ledger-recent-list')
      .locator('[data-testid="ledger-deposit"] > p:first-child')
      .allTextContents();
    const recordsOf = (texts: string[]) => texts.map((t) => Number(/Record (\d+)/.exec(t)?.[1]));
    const one = recordsOf(firstPage);
    expect(one.length).toBeGreaterThan(0);
    expect(one).toEqual([...one].sort((a, b) => b - a));
    if (await page.getByTestId('page-next').isVisible()) {
      await page.getByTestId('page-next').click();
      await expect(page).toHaveURL(/page=2/);
      const two = recordsOf(
        await page
          .getByTestId('ledger-recent-list')
          .locator('[data-testid="ledger-deposit"] > p:first-child')
          .allTextContents(),
      );
      expect(two[0]).toBe((one.at(-1) ?? 0) - 1);
    }
    await page.goto('/ledger?page=99999');
    await expect(page.getByText(/There is no such page/)).toBeVisible();
  });
});

test('a browser that saw the ledger before gets the /verify fork alarm here too, when the ledger cannot prove it only grew', async ({
  page,
  baseURL,
}) => {
  await inLanguage(page, baseURL, 'zh-CN');
  await page.goto('/ledger');
  await expect(page.getByTestId('remembered-ledger-check')).toHaveAttribute('data-ledger', 'ok');
  await depositRandomDigest(page.request);
  // A consistency proof altered in transit, as a log that rewrote its history would have to serve.
  await page.route('**/api/v1/log/consistency?**', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { from: number; to: number; proof: string[] };
    const first = Buffer.from(body.proof[0] ?? '', 'base64');
    first[0] = (first[0] ?? 0) ^ 0xff;
    body.proof[0] = first.toString('base64');
    await route.fulfill({ response, json: body });
  });
  // The served checkpoint is the newest the witnesses cosigned: wait until it covers the new deposit.
  await expect
    .poll(
      async () => {
        await page.goto('/ledger');
        await expect(page.getByTestId('remembered-ledger-check')).not.toHaveAttribute('data-ledger', 'checking');
        return page.getByTestId('remembered-ledger-check').getAttribute('data-ledger');
      },
      { timeout: 20_000 },
    )
    .toBe('inconsistent');
  await expect(page.getByRole('alert').filter({ hasText: '警告：存证链出现分叉，其历史已被改变' })).toBeVisible();
});

test.describe('a witness that was shown another history', () => {
  let alarm: { witnessName: string; alarm: string };

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    alarm = await createWitnessAlarm();
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    test(`the page raises the alarm in plain words, the evidence in technical details (${locale})`, async ({
      page,
      baseURL,
    }) => {
      expect(alarm.alarm).toBe('other_root');
      await inLanguage(page, baseURL, locale);
      await page.goto('/ledger');
      const box = page.getByTestId('witness-alarm');
      await expect(box).toBeVisible();
      await expect(box).toHaveAttribute('role', 'alert');
      await expect(box.getByRole('heading', { level: 2 })).toContainText(
        locale === 'en' ? 'Alarm: the ledger showed two histories' : '警报：存证链出现分叉（异常）',
      );
      await expect(page.getByTestId('witness-alarm-lead')).toHaveText(
        locale === 'en'
          ? /A witness reported seeing another version of the evidence ledger\.|Witnesses reported \d+ times seeing another version of the evidence ledger\./
          : /一家见证机构报告看到了存证链的另一个版本。|见证机构共 \d+ 次报告看到了存证链的另一个版本。/,
      );
      const item = box.getByTestId('witness-alarm-item').filter({ hasText: alarm.witnessName });
      await expect(item).toContainText(
        locale === 'en'
          ? 'it saw other contents for the same number of deposits'
          : '它对同样数量的存证，看到了另一份内容',
      );
      // The evidence is there, but only once the reader opens the technical details.
      const details = item.locator('details');
      await expect(details.locator('pre').first()).toBeHidden();
      await details.locator('summary').click();
      await expect(details).toContainText('other_root');
      await expect(details.locator('pre').first()).toBeVisible();
      await expect(details.locator('pre').first()).toContainText('— ');
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  }
});
