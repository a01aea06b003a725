/**
 * A batch's receipt files, written and on disk before the batch is marked done in the journal
 * (deposit-journal.ts): each file written in place and fsync'd, each directory created once and
 * fsync'd once after its files (so their names are on disk too).
 *
 * No temporary file and rename, as lib/witness/durable-file.ts does for a witness's state: a
 * receipt torn by a crash belongs to a batch the journal still has open, and the next run writes
 * every receipt of that batch again before anything else, from the portal's answer. On this
 * machine's disk a receipt cost ~0.8 ms of system time with the temporary file, the rename and a
 * directory fsync per file, and the failed open that looked for it first — 8 s for 10,000.
 *
 * @module
 */
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from '@/lib/witness/durable-file';

export async function writeReceiptFiles(
  files: readonly { file: string; text: string }[],
  options: { concurrency?: number } = {},
): Promise<void> {
  const dirs = new Set(files.map(({ file }) => path.dirname(file)));
  await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const { file, text } = files[next++] as { file: string; text: string };
      const handle: FileHandle = await open(file, 'w', 0o644);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  };
  const settled = await Promise.allSettled(
    Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 16, files.length)) }, worker),
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  await Promise.all([...dirs].map(syncDirectory));
}
