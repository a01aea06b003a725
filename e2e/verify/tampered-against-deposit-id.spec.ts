import { groupDigest } from '../../lib/hashing/format';
import { expect, test } from '../fixtures';
import {
  chooseFiles,
  demoFile,
  digestsOf,
  fileRow,
  openVerifyPage,
  sealedDeposit,
  withOneByteChanged,
} from './verify.helpers';

test('a changed file checked against the original deposit ID is tampered, with what can be compared', async ({
  page,
}) => {
  const file = demoFile(1);
  const deposit = await sealedDeposit(page.request, file.sha256);
  const changed = withOneByteChanged(file.bytes, 100);
  const changedDigests = digestsOf(changed);
  await openVerifyPage(page);
  await page.getByLabel('存证编号（选填）').fill(` ${deposit.id.toUpperCase()} `);
  await chooseFiles(page, { name: 'capture-changed.png', mimeType: 'image/png', buffer: changed });

  const row = fileRow(page, 'capture-changed.png');
  await expect(row).toHaveAttribute('data-verdict', 'tampered', { timeout: 20_000 });
  await expect(row.getByTestId('verdict-word')).toHaveText('不一致');
  await expect(row.getByTestId('verdict')).toContainText(deposit.id);
  const comparison = row.getByTestId('comparison');
  await expect(comparison).toContainText(deposit.depositor.name);
  // Both of the file's digests are marked as differing; the recorded ones are shown beside them.
  await expect(comparison.getByTestId('digest-differs')).toHaveCount(2);
  await expect(comparison.getByText(groupDigest(changedDigests.sha256), { exact: true })).toBeVisible();
  await expect(comparison.getByText(groupDigest(file.sha256), { exact: true })).toBeVisible();
});
