import { expect, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { chooseFiles, demoFile, fileRow, openVerifyPage, sealedDeposit, withOneByteChanged } from './verify.helpers';

test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });

test('the verify page and its results fit a 360 px wide phone', async ({ page }) => {
  const file = demoFile(0);
  const deposit = await sealedDeposit(page.request, file.sha256);
  await openVerifyPage(page);
  await page.getByLabel('存证编号（选填）').fill(deposit.id);
  await chooseFiles(page, [
    { name: file.name, mimeType: 'application/pdf', buffer: file.bytes },
    {
      name: 'a-file-with-a-rather-long-name-that-must-wrap-on-a-phone.pdf',
      mimeType: 'application/pdf',
      buffer: withOneByteChanged(file.bytes),
    },
  ]);
  await expect(fileRow(page, file.name)).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
  await expect(page.locator('[data-verdict="tampered"]')).toHaveCount(1, { timeout: 20_000 });
  for (const summary of await page.getByTestId('details').locator('summary').all()) await summary.click();
  expect(await overflowingElements(page)).toEqual([]);
});
