/**
 * Receipts kept in one JSON Lines file (`verity deposit --receipts receipts.jsonl`): one line per
 * deposit, the receipt file's content (lib/ledger/receipt-file.ts) with `"file"` first — the path,
 * relative to the working directory, it was deposited for. Lines are appended and synced; a later
 * line for the same file wins (a file deposited again after its receipt was moved aside).
 *
 * @see https://jsonlines.org/
 * @module
 */
import { open, readFile, stat } from 'node:fs/promises';

/** The receipts by file key; an empty map when the file does not exist yet. A torn last line is skipped. */
export async function readJsonlReceipts(file: string): Promise<Map<string, never>> {
  const receipts = new Map<string, never>();
  let text: string;
  try {
    // Only a regular file holds receipts: a device or a FIFO (read forever, or blocked) holds none.
    if (!(await stat(file)).isFile()) return receipts;
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return receipts;
    throw error;
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // a line torn by a crash: its deposit's batch is still open in the journal
    }
    if (typeof value !== 'object' || value === null || typeof (value as { file?: unknown }).file !== 'string') continue;
    const { file: key, ...content } = value as { file: string };
    receipts.set(key, content as never);
  }
  return receipts;
}

/** Appends one line per receipt and syncs the file before returning. */
export async function appendJsonlReceipts(
  file: string,
  lines: readonly { key: string; content: object }[],
): Promise<void> {
  const handle = await open(file, 'a', 0o644);
  try {
    await handle.appendFile(lines.map(({ key, content }) => `${JSON.stringify({ file: key, ...content })}\n`).join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
}
