import { closeSync, ftruncateSync, openSync } from 'node:fs';
import { expect, test } from '../fixtures';
import { chooseFiles, fileRow, openVerifyPage } from './verify.helpers';

test('cancel stops hashing: the workers are terminated and the row says cancelled', async ({ page }, testInfo) => {
  // 1 GiB of zeros as a sparse file on disk: long enough to cancel mid-way, no disk space used.
  const bigFile = testInfo.outputPath('big.bin');
  const fd = openSync(bigFile, 'w');
  ftruncateSync(fd, 1024 * 1024 * 1024);
  closeSync(fd);

  await openVerifyPage(page);
  await chooseFiles(page, bigFile);
  const row = fileRow(page, 'big.bin');
  await expect(row).toHaveAttribute('data-hash-state', 'hashing');
  await expect(row.getByTestId('progress-text')).toContainText(/MB\/秒/, { timeout: 10_000 });
  expect(page.workers().length).toBeGreaterThan(0);

  await row.getByRole('button', { name: /^取消/ }).click();
  await expect(row).toHaveAttribute('data-hash-state', 'cancelled');
  await expect(row.getByTestId('row-cancelled')).toBeVisible();
  await expect.poll(() => page.workers().length).toBe(0);
  // Nothing more happens: no progress, no digests, no verdict.
  await page.waitForTimeout(1500);
  await expect(row).toHaveAttribute('data-hash-state', 'cancelled');
  await expect(row.getByTestId('hash-progress')).toHaveCount(0);
  await expect(row).not.toHaveAttribute('data-verdict', /./);
});
