/**
 * The deposit journal: what `verity deposit` is about to send, written and synced to disk before
 * each batch is sent, and marked done once every receipt of the batch is written. A run that is
 * killed between the two (the portal recorded the deposits, no receipt was written) leaves the
 * batch open; the next run sends the same batch again with the same Idempotency-Key, the portal
 * answers the first request's deposits (`Idempotent-Replayed: true`), and the receipts are written
 * then. So a file is never deposited twice, and a receipt is never written for a deposit that did
 * not happen (receipts are written only from the portal's answer).
 *
 * Format `verity-deposit-journal/v1`, JSON Lines: `{ "batch", "state": "sending", "items": [...] }`
 * then `{ "batch", "state": "done" }` — or `"refused"` when the portal answered the batch with a
 * 4xx (nothing of it deposited: a next run hashes those files again and makes a new batch). A line torn by a crash (the last one, unfinished) is ignored:
 * its batch was never sent, as the line is synced before sending. The journal is removed when a run
 * ends with no batch open.
 *
 * @module
 */
import { open, readFile, rm } from 'node:fs/promises';
import { z } from 'zod';

export const JOURNAL_FORMAT = 'verity-deposit-journal/v1';
export const DEFAULT_JOURNAL = '.verity-deposit-journal.jsonl';

const ZItem = z.object({
  /** Absolute path of the file. */
  file: z.string(),
  /** Its path relative to the working directory (the JSON Lines key). */
  relative: z.string(),
  /** Where its receipt goes (beside or in a folder), or null for a JSON Lines file. */
  receipt: z.string().nullable(),
  /** The deposit request exactly as sent (the Idempotency-Key answers only the same body). */
  request: z.record(z.string(), z.unknown()),
  /** The title and metadata the receipt file repeats. */
  additions: z.object({
    title: z.string().optional(),
    metadata: z.object({ file: z.object({ name: z.string(), size: z.number() }) }).optional(),
  }),
});
export type JournalItem = z.infer<typeof ZItem>;

const ZLine = z.discriminatedUnion('state', [
  z.object({
    format: z.literal(JOURNAL_FORMAT),
    batch: z.string(),
    state: z.literal('sending'),
    items: z.array(ZItem),
  }),
  z.object({ format: z.literal(JOURNAL_FORMAT), batch: z.string(), state: z.literal('done') }),
  // The portal refused the batch (a 4xx): nothing of it was deposited, there is nothing to finish.
  z.object({ format: z.literal(JOURNAL_FORMAT), batch: z.string(), state: z.literal('refused') }),
]);

export interface OpenBatch {
  batch: string;
  items: JournalItem[];
}

export class JournalError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'JournalError';
  }
}

/** The batches sent (or about to be) whose receipts were not all written; [] when there is no journal. */
export async function openBatches(path: string): Promise<OpenBatch[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new JournalError(path, `the deposit journal ${path} cannot be read: ${(error as Error).message}`);
  }
  const open = new Map<string, OpenBatch>();
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let parsed: z.infer<typeof ZLine>;
    try {
      parsed = ZLine.parse(JSON.parse(line));
    } catch {
      // Only the last line may be torn (a crash while appending it): its batch was never sent.
      if (index >= lines.length - 2 && !text.endsWith('\n')) continue;
      throw new JournalError(
        path,
        `the deposit journal ${path} is damaged at line ${index + 1}; it lists deposits whose receipts may not be written yet, so it is not replaced — move it aside only after checking those files`,
      );
    }
    if (parsed.state === 'sending') open.set(parsed.batch, { batch: parsed.batch, items: parsed.items });
    else open.delete(parsed.batch);
  }
  return [...open.values()];
}

/** Appends a line and syncs it to disk before returning. */
async function appendSynced(path: string, line: object): Promise<void> {
  const handle = await open(path, 'a', 0o600);
  try {
    await handle.appendFile(`${JSON.stringify({ format: JOURNAL_FORMAT, ...line })}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function journalSending(path: string, batch: string, items: readonly JournalItem[]): Promise<void> {
  return appendSynced(path, { batch, state: 'sending', items });
}

export function journalDone(path: string, batch: string): Promise<void> {
  return appendSynced(path, { batch, state: 'done' });
}

export function journalRefused(path: string, batch: string): Promise<void> {
  return appendSynced(path, { batch, state: 'refused' });
}

/** Removes the journal when nothing in it is open any more. */
export async function closeJournal(path: string): Promise<void> {
  if ((await openBatches(path)).length === 0) await rm(path, { force: true });
}
