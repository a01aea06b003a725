import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { groupDigest } from '../../lib/hashing/format';
import { expect, test } from '../fixtures';
import { chooseFiles, digestsOf, fileRow, openVerifyPage } from './verify.helpers';

const MiB = 1024 * 1024;

/** shared/vectors/digests/digests.json: `input` (UTF-8) repeated `repeat` times, with its known digests. */
const VECTORS_FILE = path.resolve(import.meta.dirname, '../../../shared/vectors/digests/digests.json');
const vectors = (
  JSON.parse(readFileSync(VECTORS_FILE, 'utf8')) as {
    cases: Array<{ input: string; repeat: number; sha256: string; sm3: string }>;
  }
).cases;

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

test('the worker gives the published known answers for every shared digest vector, SHA-256 and SM3', async ({
  page,
}) => {
  expect(vectors.length).toBeGreaterThan(0);
  const files = vectors.map((vector, index) => ({
    name: `vector-${index}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(vector.input.repeat(vector.repeat), 'utf8'),
  }));
  await openVerifyPage(page);
  await chooseFiles(page, files);
  for (const [index, vector] of vectors.entries()) {
    const row = fileRow(page, `vector-${index}.txt`);
    await expect(row).toHaveAttribute('data-hash-state', 'done', { timeout: 30_000 });
    await expect(row.getByText(groupDigest(vector.sha256), { exact: true }).first()).toBeVisible();
    await expect(row.getByText(groupDigest(vector.sm3), { exact: true }).first()).toBeVisible();
  }
});
