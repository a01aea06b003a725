/**
 * Receipts as files the depositor keeps (DESIGN.md "Fixed formats": a receipt carries *at least*
 * its listed members). The file is the receipt exactly as the deposit API returned it — every
 * member, unchanged, in the same order — followed by what the depositor sent for it, spelled as
 * the deposit request spells it (lib/ledger/statement/README.md):
 *
 * - `title`: the title typed for the file; the leaf's `titleSha256` is SHA-256 of it;
 * - `metadata`: `{ "file": { "name", "size" } }`; the leaf's `metadataSha256` is SHA-256 of its
 *   RFC 8785 form.
 *
 * So the additions are not claims to trust: anyone can recompute their digests and compare them
 * with the leaf (`receiptAdditionsMatchLeaf`). Readers that take the receipt members and ignore
 * the rest (the Go check in tools/go-verify, jq, the ledger's own receipt check on the members it
 * names) keep working; strict readers take `receiptOfFile(file)` first. Nothing here is sent
 * anywhere: the name and size were sent with the deposit already (they are its metadata).
 *
 * Pure and browser-safe: the deposit page saves receipt files with it, the history's receipt
 * download (app/(portal)/deposit/receipt) names them with it.
 *
 * Files are named after the file and the deposit's date in Beijing time:
 * `采购合同.pdf.2026-12-06.verity-receipt.json`, with characters that are unsafe in a file name on
 * any common system replaced by `_`.
 *
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base64ToBytes, bytesToHex } from '@/lib/tlog';
import type { BrowserDeposit } from './deposit-from-browser.schema';
import type { Receipt } from './receipt.schema';
import { canonicalJsonBytes } from './statement/canonical-json';
import { parseLeaf } from './statement/parse-leaf';

/** What was sent with a deposit besides its digests: the title and the file's name and size. */
export interface ReceiptAdditions {
  title?: string;
  metadata?: { file: { name: string; size: number } };
}

export type ReceiptFileContent = Receipt & ReceiptAdditions;

/** The additions of a deposit as the page sent it (`browserDeposit`): exactly what the leaf hashed. */
export function additionsOf(sent: Pick<BrowserDeposit, 'title' | 'file'>): ReceiptAdditions {
  return {
    ...(sent.title ? { title: sent.title } : {}),
    ...(sent.file ? { metadata: { file: { name: sent.file.name, size: sent.file.size } } } : {}),
  };
}

/** The receipt with its additions after every receipt member. */
export function receiptContent(receipt: Receipt, additions: ReceiptAdditions = {}): ReceiptFileContent {
  return { ...receipt, ...additions };
}

/** The receipt members of a receipt file, without the additions (for strict readers). */
export function receiptOfFile(content: ReceiptFileContent): Receipt {
  const { title: _title, metadata: _metadata, ...receipt } = content;
  return receipt as Receipt;
}

/**
 * Whether each addition the file carries is what its leaf commits to. An absent one claims nothing:
 * a receipt downloaded from the history has the kept title but no file name, which the server
 * never stores.
 */
export function receiptAdditionsMatchLeaf(content: ReceiptFileContent): boolean {
  const statement = parseLeaf(base64ToBytes(content.leaf));
  const hex = (bytes: Uint8Array) => bytesToHex(sha256(bytes));
  const title = content.title === undefined || hex(new TextEncoder().encode(content.title)) === statement.titleSha256;
  const metadata =
    content.metadata === undefined || hex(canonicalJsonBytes(content.metadata)) === statement.metadataSha256;
  return title && metadata;
}

/** Longest base of a file name, in characters: names stay well under every file system's 255 bytes. */
const MAX_BASE = 80;

/**
 * `name` with only safe characters: letters and digits of any script, `.`, `-`, `_`, `(`, `)`;
 * everything else (path separators, `:*?"<>|`, spaces, control and direction marks) becomes `_`.
 */
export function safeFileNamePart(name: string): string {
  const safe = [...name.normalize('NFC')]
    .map((c) => (/^[\p{L}\p{M}\p{N}._()-]$/u.test(c) ? c : '_'))
    .join('')
    .replace(/_+/g, '_')
    .replace(/^[._]+/, '')
    .replace(/_+$/, '');
  return [...safe].slice(0, MAX_BASE).join('');
}

/** The date of `iso` in Beijing time, `YYYY-MM-DD` (court records use Beijing time). */
export function beijingDate(iso: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

/** `<file name or title or deposit ID>.<Beijing date>.verity-receipt.json`. */
export function receiptFileName(content: ReceiptFileContent): string {
  const base =
    safeFileNamePart(content.metadata?.file.name ?? '') || safeFileNamePart(content.title ?? '') || content.id;
  return `${base}.${beijingDate(content.depositedAt)}.verity-receipt.json`;
}

/** The file of one receipt, with its title and file name. */
export function receiptFile(receipt: Receipt, additions: ReceiptAdditions = {}): { name: string; text: string } {
  const content = receiptContent(receipt, additions);
  return { name: receiptFileName(content), text: `${JSON.stringify(content, null, 2)}\n` };
}

/** Every receipt (with its additions) in one JSON array, in the order given: `verity-receipts-<UTC time>.json`. */
export function receiptsFile(
  receipts: readonly { receipt: Receipt; additions?: ReceiptAdditions }[],
  now = new Date(),
): { name: string; text: string } {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
  const contents = receipts.map(({ receipt, additions }) => receiptContent(receipt, additions));
  return { name: `verity-receipts-${stamp}.json`, text: `${JSON.stringify(contents, null, 2)}\n` };
}
