/**
 * /verify's verdict panel with who vouched (issue #18) fits a 390 px phone in both languages:
 * the "witnessed by k of n institutions: names" words (or "not yet witnessed" and what it means),
 * the flag for a changed list of witnesses with every change listed, and the technical details
 * (whose signatures counted, the pinned list) open.
 */
import { expect, test } from '../fixtures';
import { chooseFiles, fileRow, openVerifyPage } from '../verify/verify.helpers';
import { depositNewFile, isSealed, plantChangedPolicy, receiptWhen } from '../verify/witnessed.helpers';
import { overflowingElements } from './overflow';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const locale of ['zh-CN', 'en'] as const) {
  test(`who vouched, and a changed list of witnesses, fit 390 px in ${locale}`, async ({
    page,
    context,
    baseURL,
    request,
  }) => {
    test.setTimeout(90_000);
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    await plantChangedPolicy(context, request);
    const file = await depositNewFile(request, 'phone');
    // Sealed is enough: the panel says who vouched either way (and witnessed.spec.ts may be pausing witnesses).
    await receiptWhen(request, file.id, isSealed, 20_000);
    await openVerifyPage(page);
    await expect(page.getByTestId('witness-policy-changed')).toBeVisible();
    await chooseFiles(page, { name: file.name, mimeType: file.mimeType, buffer: file.buffer });
    const row = fileRow(page, file.name);
    await expect(row).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
    await expect(row.getByTestId('witnessing')).toBeVisible();
    const closed = page.locator('main details:not([open]) > summary');
    while ((await closed.count()) > 0) await closed.first().click();
    await expect(row.getByTestId('witnessing-details')).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
  });
}
