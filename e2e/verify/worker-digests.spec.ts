import { randomBytes } from 'node:crypto';
import { groupDigest } from '../../lib/hashing/format';
import { expect, test } from '../fixtures';
import { chooseFiles, digestsOf, fileRow, openVerifyPage } from './verify.helpers';

const MiB = 1024 * 1024;

test('the worker digests of several queued files equal node:crypto SHA-256 and SM3', async ({ page }) => {
  // Empty, one byte, and either side of the workers' 4 MiB read size.
  const files = [0, 1, 4 * MiB - 1, 4 * MiB, 4 * MiB + 1].map((size) => ({
    name: `random-${size}.bin`,
    mimeType: 'application/octet-stream',
    buffer: randomBytes(size),
  }));
  await openVerifyPage(page);
  await chooseFiles(page, files);
  for (const file of files) {
    const row = fileRow(page, file.name);
    await expect(row).toHaveAttribute('data-hash-state', 'done', { timeout: 30_000 });
    const expected = digestsOf(file.buffer);
    await expect(row.getByText(groupDigest(expected.sha256), { exact: true }).first()).toBeVisible();
    await expect(row.getByText(groupDigest(expected.sm3), { exact: true }).first()).toBeVisible();
  }
});
