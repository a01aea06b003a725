import { expect, seriousA11yViolations, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { depositRow, dropFiles, randomFile } from './deposit.helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('the deposit page fits a 390 px phone and has no serious accessibility violations, empty and with receipts', async ({
  page,
  signInAs,
}) => {
  await signInAs('depositor');
  await page.goto('/deposit');
  expect(await seriousA11yViolations(page)).toEqual([]);

  const file = randomFile(2048, `a-file-with-a-rather-long-name-that-must-wrap-on-a-phone-${Date.now()}.pdf`);
  await dropFiles(page, [file]);
  const row = depositRow(page, file);
  await expect(row).toHaveAttribute('data-hash-state', 'done', { timeout: 20_000 });
  await page.getByRole('button', { name: '存证 1 个文件' }).click();
  await expect(row).toHaveAttribute('data-deposit-state', 'deposited', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: '下载全部存证回执（JSON）' })).toBeVisible();

  expect(await overflowingElements(page)).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
});
