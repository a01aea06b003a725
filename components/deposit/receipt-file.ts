/**
 * Saving receipt files and certificates in the browser, through a Blob and an object URL so
 * nothing is fetched again and no inline script is needed (the CSP allows none). What a receipt
 * file holds and how it is named: lib/ledger/receipt-file.ts.
 *
 * @module
 */
export {
  additionsOf,
  beijingDate,
  type ReceiptAdditions,
  type ReceiptFileContent,
  receiptAdditionsMatchLeaf,
  receiptContent,
  receiptFile,
  receiptFileName,
  receiptOfFile,
  receiptsFile,
  safeFileNamePart,
} from '@/lib/ledger/receipt-file';

/** Saves `text` as a download named `name` (browser only). */
export function saveJson({ name, text }: { name: string; text: string }): void {
  saveBlob(name, new Blob([text], { type: 'application/json' }));
}

/** Saves `blob` as a download named `name` (browser only). */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; the URL is freed a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
