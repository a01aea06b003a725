import { expect, test } from '../fixtures';
import { chooseFiles, demoFile, fileRow, openVerifyPage, sealedDeposit } from './verify.helpers';

test('a receipt whose inclusion proof does not check is invalid_proof, checked in the browser', async ({ page }) => {
  const file = demoFile(0);
  await sealedDeposit(page.request, file.sha256);
  // The server's answer is altered in transit: the browser must not take its word for it.
  await page.route('**/api/v1/deposits?**', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { deposits: { inclusionProof?: string[] }[] };
    for (const receipt of body.deposits) {
      if (receipt.inclusionProof?.[0]) receipt.inclusionProof[0] = Buffer.alloc(32, 1).toString('base64');
    }
    await route.fulfill({ response, json: body });
  });
  await openVerifyPage(page);
  await chooseFiles(page, file.path);
  const row = fileRow(page, file.name);
  await expect(row).toHaveAttribute('data-verdict', 'invalid_proof', { timeout: 20_000 });
  await expect(row.getByTestId('verdict-word')).toHaveText('存证链证明无效');
  await row.getByText(/^详情/).click();
  await expect(row.locator('[data-step="inclusion"]')).toHaveAttribute('data-state', 'failed');
});

test('a matching deposit not sealed yet is pending', async ({ page }) => {
  const file = demoFile(0);
  await sealedDeposit(page.request, file.sha256);
  // As the ledger answers between accepting a deposit and sealing it (seconds at most).
  await page.route('**/api/v1/deposits?**', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { deposits: Record<string, unknown>[] };
    const deposits = body.deposits.map(({ id, leaf, digests, depositedAt, depositor }) => ({
      id,
      status: 'pending',
      leaf,
      digests,
      depositedAt,
      depositor,
    }));
    await route.fulfill({ response, json: { deposits } });
  });
  await openVerifyPage(page);
  await chooseFiles(page, file.path);
  const row = fileRow(page, file.name);
  await expect(row).toHaveAttribute('data-verdict', 'pending', { timeout: 20_000 });
  await expect(row.getByRole('button', { name: '再次核验' })).toBeVisible();
});
