/**
 * Receipts as files the depositor keeps: the receipt exactly as the deposit API returns it
 * (DESIGN.md "Fixed formats"), as indented JSON, saved through a Blob and an object URL so
 * nothing is fetched again and no inline script is needed (the CSP allows none).
 *
 * @module
 */
import type { Receipt } from './deposit-action';

/** The file of one receipt: `verity-receipt-<deposit id>.json`. */
export function receiptFile(receipt: Receipt): { name: string; text: string } {
  return { name: `verity-receipt-${receipt.id}.json`, text: `${JSON.stringify(receipt, null, 2)}\n` };
}

/** Every receipt in one JSON array, in the order given: `verity-receipts-<UTC time>.json`. */
export function receiptsFile(receipts: readonly Receipt[], now = new Date()): { name: string; text: string } {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
  return { name: `verity-receipts-${stamp}.json`, text: `${JSON.stringify(receipts, null, 2)}\n` };
}

/** Saves `text` as a download named `name` (browser only). */
export function saveJson({ name, text }: { name: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
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
