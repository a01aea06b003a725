import type { Request } from '@playwright/test';
import { expect, test } from '../fixtures';
import { chooseFiles, demoFile, fileRow, openVerifyPage, sealedDeposit } from './verify.helpers';

test('no request from the page carries the file: only digests are sent', async ({ page }) => {
  const file = demoFile(0);
  await sealedDeposit(page.request, file.sha256);
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  await openVerifyPage(page);
  await expect(page.getByTestId('privacy-notice')).toContainText('文件不会离开您的设备');
  await chooseFiles(page, file.path);
  await expect(fileRow(page, file.name)).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });

  expect(requests.length).toBeGreaterThan(0);
  // Any 64-byte window of the file, raw or base64, would show up in a body that carried it.
  const samples = [0, Math.floor(file.bytes.length / 2), file.bytes.length - 64].map((at) =>
    file.bytes.subarray(at, at + 64),
  );
  for (const request of requests) {
    const body = request.postDataBuffer();
    if (!body) continue;
    expect(body.length, `${request.method()} ${request.url()}`).toBeLessThan(4096);
    for (const sample of samples) {
      expect(body.includes(sample)).toBe(false);
      expect(body.includes(Buffer.from(sample.toString('base64')))).toBe(false);
    }
  }
  // The lookups carry the digests, in the query string.
  const lookups = requests.filter((r) => r.url().includes('/api/v1/deposits'));
  expect(lookups.map((r) => r.method())).toEqual(lookups.map(() => 'GET'));
  expect(lookups.some((r) => r.url().includes(file.sha256))).toBe(true);
});
