import { expect, test } from '../fixtures';
import { demoFile, openVerifyPage, resultRows, sealedDeposit } from './verify.helpers';

test('a pasted SM3 digest, in groups and with line breaks, is found and consistent', async ({ page }) => {
  const file = demoFile(0);
  const deposit = await sealedDeposit(page.request, file.sha256);
  await openVerifyPage(page);
  const pasted = `  ${file.sm3.slice(0, 32).toUpperCase().match(/.{8}/g)?.join(' ')}\n${file.sm3.slice(32)}  `;
  await page.getByLabel('摘要值').fill(pasted);
  await page.getByRole('button', { name: '核验摘要或存证编号' }).click();

  const row = resultRows(page).and(page.locator('[data-kind="digest"]'));
  await expect(row).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
  await row.getByText(/^详情/).click();
  await expect(row.getByTestId('deposit')).toHaveAttribute('data-deposit-id', deposit.id);
});

test('a malformed digest is refused with a message saying what is expected', async ({ page }) => {
  await openVerifyPage(page);
  await page.getByLabel('摘要值').fill('abc123');
  await page.getByRole('button', { name: '核验摘要或存证编号' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请更正以下问题' })).toContainText('您输入了 6 个字符');
  await expect(resultRows(page)).toHaveCount(0);
});
