import { expect, seriousA11yViolations, test } from '../fixtures';
import { chooseFiles, demoFile, fileRow, openVerifyPage, sealedDeposit, withOneByteChanged } from './verify.helpers';

test('the verify page has no serious accessibility violations, empty, with errors and with results', async ({
  page,
}) => {
  const file = demoFile(0);
  const deposit = await sealedDeposit(page.request, file.sha256);
  await openVerifyPage(page);
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.getByRole('button', { name: '核验摘要或存证编号' }).click();
  await expect(page.getByTestId('verify-errors')).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  await chooseFiles(page, file.path);
  await expect(fileRow(page, file.name)).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
  await page.getByLabel('存证编号（选填）').fill(deposit.id);
  await chooseFiles(page, { name: 'changed.pdf', mimeType: 'application/pdf', buffer: withOneByteChanged(file.bytes) });
  await expect(fileRow(page, 'changed.pdf')).toHaveAttribute('data-verdict', 'tampered', { timeout: 20_000 });
  for (const summary of await page.getByTestId('details').locator('summary').all()) await summary.click();
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('files can be chosen with the keyboard alone, and the verdict then holds focus', async ({ page }) => {
  await openVerifyPage(page);
  // The file is the page's first question: the skip link, then the first stop in the main content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到主要内容' })).toBeFocused();
  await page.keyboard.press('Enter');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Tab');
  await expect(page.locator('#verify-files')).toBeFocused();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(demoFile(2).path);
  const row = fileRow(page, demoFile(2).name);
  await expect(row).toHaveAttribute('data-verdict', /./, { timeout: 20_000 });
  await expect(row.getByTestId('verdict-panel')).toBeFocused();
});
