import { expect, test } from '../fixtures';
import { demoFile, openVerifyPage, resultRows, sealedDeposit } from './verify.helpers';

test('a deposit ID alone shows that deposit with its proof checked', async ({ page }) => {
  const deposit = await sealedDeposit(page.request, demoFile(1).sha256);
  await openVerifyPage(page);
  await page.getByLabel('存证编号（选填）').fill(deposit.id);
  await page.getByRole('button', { name: '核验摘要或存证编号' }).click();
  const row = resultRows(page).and(page.locator('[data-kind="deposit"]'));
  await expect(row.getByTestId('lookup')).toHaveAttribute('data-proof', 'ok', { timeout: 20_000 });
  await expect(row.getByTestId('deposit')).toHaveAttribute('data-deposit-id', deposit.id);
});

test('a malformed deposit ID is refused before anything is sent', async ({ page }) => {
  await openVerifyPage(page);
  await page.getByLabel('存证编号（选填）').fill('12345');
  await page.getByRole('button', { name: '核验摘要或存证编号' }).click();
  await expect(page.getByTestId('verify-errors')).toContainText('请按回执上的格式输入存证编号');
  await expect(resultRows(page)).toHaveCount(0);
});

test('a deposit certificate’s QR code (/verify?deposit=<id>) opens the page with that deposit looked up', async ({
  page,
}) => {
  const deposit = await sealedDeposit(page.request, demoFile(1).sha256);
  await page.goto(`/verify?deposit=${deposit.id.toUpperCase()}`);
  const row = resultRows(page).and(page.locator('[data-kind="deposit"]'));
  await expect(row.getByTestId('lookup')).toHaveAttribute('data-proof', 'ok', { timeout: 20_000 });
  await expect(row.getByTestId('deposit')).toHaveAttribute('data-deposit-id', deposit.id);
  // The field holds it, so a file chosen next is compared with that deposit.
  await expect(page.getByLabel('存证编号（选填）')).toHaveValue(deposit.id);

  await page.goto('/verify?deposit=not-an-id');
  await expect(page.getByLabel('存证编号（选填）')).toHaveValue('');
  await expect(resultRows(page)).toHaveCount(0);
});
