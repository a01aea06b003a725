import { groupDigest } from '../../lib/hashing/format';
import { expect, test } from '../fixtures';
import { chooseFiles, demoFile, fileRow, openVerifyPage, sealedDeposit } from './verify.helpers';

test('a deposited demo file is consistent, with its deposit and every proof step shown', async ({ page }) => {
  const file = demoFile(0);
  const deposit = await sealedDeposit(page.request, file.sha256);
  await openVerifyPage(page);
  await chooseFiles(page, file.path);

  const row = fileRow(page, file.name);
  await expect(row).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
  await expect(row.getByTestId('verdict-word')).toHaveText('一致');
  // The digests computed in the browser's workers, whole and grouped by 8.
  await expect(row.getByText(groupDigest(file.sha256), { exact: true }).first()).toBeVisible();
  await expect(row.getByText(groupDigest(file.sm3), { exact: true }).first()).toBeVisible();

  await row.getByText(/^详情/).click();
  const shown = row.getByTestId('deposit');
  await expect(shown).toHaveAttribute('data-deposit-id', deposit.id);
  await expect(shown).toContainText(deposit.depositor.name);
  await expect(shown).toContainText('北京时间');
  const steps = shown.getByTestId('proof-steps').locator('[data-step]');
  await expect(steps).toHaveCount(6);
  for (const step of await steps.all()) await expect(step).toHaveAttribute('data-state', 'passed');
});
