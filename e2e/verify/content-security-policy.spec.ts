import { expect, test } from '../fixtures';
import { chooseFiles, demoFile, fileRow, openVerifyPage, sealedDeposit } from './verify.helpers';

test('hashing in module workers with WebAssembly runs under the page’s CSP without violations', async ({ page }) => {
  const file = demoFile(0);
  await sealedDeposit(page.request, file.sha256);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await openVerifyPage(page);
  await chooseFiles(page, file.path);
  await expect(fileRow(page, file.name)).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
  expect(violations).toEqual([]);
});
