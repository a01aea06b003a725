import { createHash } from 'node:crypto';
import type { Request } from '@playwright/test';
import {
  beijingDate,
  type ReceiptFileContent,
  receiptAdditionsMatchLeaf,
  receiptOfFile,
} from '../../components/deposit/receipt-file';
import { groupDigest } from '../../lib/hashing/format';
import { DEMO_DEPOSITOR } from '../../prisma/seed/demo-data';
import { expect, test } from '../fixtures';
import {
  depositRow,
  downloadJson,
  dropFiles,
  expectReceiptVerifies,
  type LocalFile,
  logKey,
  type Receipt,
  randomFile,
} from './deposit.helpers';

test('a depositor drops two files, deposits their digests only, and downloads receipts that verify', async ({
  page,
  signInAs,
}) => {
  const files = [randomFile(3000), randomFile(5000)] as const;
  const [first, second] = files;
  const title = '作品著作权许可使用合同 E2E';
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));

  await signInAs('depositor');
  await page.goto('/deposit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('将文件存证到存证链');
  await expect(page.getByTestId('privacy-notice')).toContainText('文件不会离开您的设备');
  await dropFiles(page, files);

  for (const file of files) {
    const row = depositRow(page, file);
    await expect(row).toHaveAttribute('data-hash-state', 'done', { timeout: 20_000 });
    // The digests computed in the browser's workers, shown whole, equal node:crypto's.
    await expect(row.getByText(groupDigest(file.sha256), { exact: true })).toBeVisible();
    await expect(row.getByText(groupDigest(file.sm3), { exact: true })).toBeVisible();
  }
  await depositRow(page, first)
    .getByRole('textbox', { name: /标题（选填）/ })
    .fill(`  ${title}  `);
  await page.getByRole('button', { name: '存证 2 个文件' }).click();

  const key = await logKey(page.request);
  const receipts: Receipt[] = [];
  const contents: ReceiptFileContent[] = [];
  for (const file of files) {
    const row = depositRow(page, file);
    await expect(row).toHaveAttribute('data-deposit-state', 'deposited', { timeout: 20_000 });
    const shown = row.getByTestId('receipt');
    await expect(shown).toContainText(DEMO_DEPOSITOR.name);
    await expect(shown).toContainText('北京时间');

    const { download, json: content } = await downloadJson<ReceiptFileContent>(page, () =>
      row.getByRole('button', { name: /下载存证回执（JSON）/ }).click(),
    );
    const receipt = receiptOfFile(content) as Receipt;
    // Named after the file and the day (Beijing time); the file name and size ride along, checkable against the leaf.
    expect(download.suggestedFilename()).toBe(`${file.name}.${beijingDate(receipt.depositedAt)}.verity-receipt.json`);
    expect(content.metadata).toEqual({ file: { name: file.name, size: file.bytes.length } });
    expect(receiptAdditionsMatchLeaf(content)).toBe(true);
    contents.push(content);
    expect(receipt.digests).toEqual({ sha256: file.sha256, sm3: file.sm3 });
    expect(receipt.depositor.name).toBe(DEMO_DEPOSITOR.name);
    await expect(row.getByTestId('receipt-id')).toHaveText(receipt.id);
    // Counted as people count (链上序号 N（共 M 条）); the zero-based leaf index only in technical details.
    await expect(row.getByTestId('receipt-leaf-index')).toHaveText(
      `${(receipt.leafIndex + 1).toLocaleString('zh-CN')}（共 ${receipt.treeSize.toLocaleString('zh-CN')} 条）`,
    );
    await expect(row.getByTestId('receipt-leaf-index')).toHaveAttribute('data-leaf-index', String(receipt.leafIndex));
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, without the closed 技术细节 disclosure
    expect(await shown.innerText()).not.toContain('叶子');
    expectReceiptVerifies(receipt, key);
    receipts.push(receipt);
  }
  // The leaf commits to the trimmed title by its digest, and never holds the title itself.
  expect(receipts[0]?.titleSha256).toBe(createHash('sha256').update(title).digest('hex'));
  expect(Buffer.from(receipts[0]?.leaf ?? '', 'base64').toString('utf8')).not.toContain('E2E');
  expect(receipts[1]?.titleSha256).toBeUndefined();
  // The receipt file carries the title itself, beside the leaf's digest of it.
  expect(contents[0]?.title).toBe(title);
  expect(contents[1]?.title).toBeUndefined();

  const all = await downloadJson<ReceiptFileContent[]>(page, () =>
    page.getByRole('button', { name: '下载全部存证回执（JSON）' }).click(),
  );
  expect(all.download.suggestedFilename()).toMatch(/^verity-receipts-\d{8}T\d{6}Z\.json$/);
  expect(all.json).toEqual(contents);
  await expect(page.getByTestId('deposit-announcement')).toHaveText('已存证 2 个文件');

  expectNoRequestCarriesTheFiles(requests, files);
  // The deposit itself went out as a POST (the server action) carrying the digests.
  const posts = requests.filter((r) => r.method() === 'POST' && r.url().includes('/deposit'));
  expect(posts.some((r) => r.postData()?.includes(second.sha256))).toBe(true);
});

test('a litigant is refused the deposit page with a 403 page', async ({ page, signInAs }) => {
  await signInAs('litigant');
  const response = await page.goto('/deposit');
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('forbidden-heading')).toHaveText('您无权访问此页面');
  await expect(page.getByTestId('deposit-drop-zone')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '存证文件' })).toHaveCount(0);
});

test("the depositor's home page and the header lead to the deposit page", async ({ page, signInAs }) => {
  await signInAs('depositor');
  await page.goto('/home');
  const home = page.locator('[data-home-role="depositor"]');
  await expect(home.getByRole('heading', { level: 2 })).toHaveText('电子数据存证');
  await expect(home).toContainText(DEMO_DEPOSITOR.name);
  await expect(page.getByTestId('case-table')).toHaveCount(0);
  await expect(page.getByTestId('signed-in-as')).toContainText('（存证方）');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '存证文件' }).click();
  await expect(page).toHaveURL(/\/deposit$/);
  await page.goto('/home');
  await home.getByRole('link', { name: '存证文件' }).click();
  await expect(page.getByTestId('deposit-drop-zone')).toBeVisible();
});

test('a title that is too long is named by the field and nothing is deposited', async ({ page, signInAs }) => {
  await signInAs('depositor');
  const file = randomFile(100);
  await page.goto('/deposit');
  await page.getByRole('button', { name: '存证', exact: true }).click();
  await expect(page.getByTestId('deposit-errors')).toContainText('请至少选择一个文件');

  await dropFiles(page, [file]);
  const row = depositRow(page, file);
  await expect(row).toHaveAttribute('data-hash-state', 'done', { timeout: 20_000 });
  await row.getByRole('textbox').fill('长'.repeat(501));
  await page.getByRole('button', { name: '存证 1 个文件' }).click();
  const summary = page.getByTestId('deposit-errors');
  await expect(summary).toContainText(`${file.name}的标题最多 500 个字符，当前为 501 个。`);
  await summary.getByRole('link').click();
  await expect(row.getByRole('textbox')).toBeFocused();
  await expect(row).toHaveAttribute('data-deposit-state', 'idle');
  const found = await page.request.get(`/api/v1/deposits?sha256=${file.sha256}`);
  expect(((await found.json()) as { deposits: unknown[] }).deposits).toEqual([]);
});

/** Any 64-byte window of a file, raw or base64, would show up in a request body that carried it. */
function expectNoRequestCarriesTheFiles(requests: readonly Request[], files: readonly LocalFile[]): void {
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    const body = request.postDataBuffer();
    if (!body) continue;
    expect(body.length, `${request.method()} ${request.url()}`).toBeLessThan(4096);
    for (const file of files) {
      for (const at of [0, Math.floor(file.bytes.length / 2), file.bytes.length - 64]) {
        const sample = file.bytes.subarray(at, at + 64);
        expect(body.includes(sample), `${request.url()} carries bytes of ${file.name}`).toBe(false);
        expect(body.includes(Buffer.from(sample.toString('base64')))).toBe(false);
        expect(body.includes(Buffer.from(sample.toString('hex')))).toBe(false);
      }
    }
  }
}
