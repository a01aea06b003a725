import { expect, test } from '../fixtures';
import { chooseFiles, demoFile, fileRow, openVerifyPage, sealedDeposit, withOneByteChanged } from './verify.helpers';

test('a demo file with one byte changed is not found on the ledger', async ({ page }) => {
  const file = demoFile(2);
  await sealedDeposit(page.request, file.sha256);
  await openVerifyPage(page);
  await chooseFiles(page, { name: 'changed.txt', mimeType: 'text/plain', buffer: withOneByteChanged(file.bytes) });

  const row = fileRow(page, 'changed.txt');
  await expect(row).toHaveAttribute('data-verdict', 'not_found', { timeout: 20_000 });
  await expect(row.getByTestId('verdict-word')).toHaveText('未找到存证');
});
