/**
 * Where `verity deposit` keeps each file's receipt, and where it looks for one when it runs again:
 *
 * - beside the file (default): `<file>.verity-receipt.json`;
 * - `--receipts <folder>`: the same relative path under that folder (`<folder>/<relative>.verity-receipt.json`),
 *   so two files of one name in different folders never share a receipt;
 * - `--receipts <file>.jsonl`: one receipt per line, in one JSON Lines file, each line the receipt
 *   file's content with `"file"` (the path relative to the working directory) added first.
 *
 * The receipt itself is the portal's receipt file (lib/ledger/receipt-file.ts): the receipt exactly
 * as the API returned it, then the title and `{ file: { name, size } }` metadata that was sent.
 *
 * @module
 */
import path from 'node:path';
import { RECEIPT_SUFFIX } from '../../node/walk-files';

export type ReceiptTarget = { kind: 'beside' } | { kind: 'folder'; folder: string } | { kind: 'jsonl'; file: string };

/** `--receipts` as given: nothing → beside, `*.jsonl` → one file, anything else → a folder. */
export function receiptTargetOf(value: string | undefined, cwd: string): ReceiptTarget {
  if (value === undefined) return { kind: 'beside' };
  const absolute = path.resolve(cwd, value);
  return value.toLowerCase().endsWith('.jsonl')
    ? { kind: 'jsonl', file: absolute }
    : { kind: 'folder', folder: absolute };
}

/**
 * The receipt file of `file` (absolute) for beside and folder targets; `relative` is its path
 * relative to the working directory, kept under the folder (`..` parts become `_up_` so a receipt
 * never lands outside it).
 */
export function receiptPathOf(target: ReceiptTarget, file: string, relative: string): string | undefined {
  if (target.kind === 'beside') return `${file}${RECEIPT_SUFFIX}`;
  if (target.kind === 'jsonl') return undefined;
  const parts = relative.split(/[\\/]+/).map((part) => (part === '..' ? '_up_' : part));
  if (path.isAbsolute(relative)) parts[0] = '_root_';
  return path.join(target.folder, ...parts.filter((p) => p !== '' && p !== '.')) + RECEIPT_SUFFIX;
}

/** The key a JSON Lines receipt is filed under: the path relative to the working directory, with `/`. */
export function jsonlKeyOf(relative: string): string {
  return relative.split(path.sep).join('/');
}
