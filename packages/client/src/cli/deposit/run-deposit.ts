/**
 * One run of `verity deposit`: finish what an earlier run left open (deposit-journal.ts), walk the
 * files and folders given, hash each file (SHA-256 and SM3, files in parallel), skip those whose
 * receipt is there and still verifies, deposit the rest in batches, and write each receipt from
 * the portal's answer. Each file's fate is reported as it is known (`onOutcome`); the command
 * turns it into lines and an exit code.
 *
 * Order of durable steps per batch: journal line synced → batch sent (one Idempotency-Key, reused
 * by every retry) → receipts written (temporary file, fsync, rename) → journal marked done. A kill
 * anywhere leaves either nothing sent, or an open journal batch the next run replays.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Receipt } from '@/lib/ledger/receipt.schema';
import { receiptContent } from '@/lib/ledger/receipt-file';
import {
  type DepositorPrivateKey,
  type DepositRequestInput,
  signDepositRequest,
  ZDepositRequest,
} from '@/lib/ledger/statement';

import { FileChangedError, type FileDigests, type FileHasher } from '../../node/hash-file-pair';
import { isWalkProblem, type WalkedFile, walkFiles } from '../../node/walk-files';
import { VerityError } from '../../sdk/errors';
import { verifyReceipt } from '../../sdk/verify-receipt';
import type { VerityClient } from '../../sdk/verity-client';
import {
  closeJournal,
  type JournalItem,
  journalDone,
  journalRefused,
  journalSending,
  openBatches,
} from './deposit-journal';
import { appendJsonlReceipts, readJsonlReceipts } from './jsonl-receipts';
import { jsonlKeyOf, type ReceiptTarget, receiptPathOf } from './receipt-target';
import { writeReceiptFiles } from './write-receipt-files';

export type FileOutcome =
  | { status: 'deposited'; file: string; id: string; receipt: string; replayed?: boolean }
  | { status: 'already'; file: string; id: string; receipt: string }
  | { status: 'would-deposit'; file: string; sha256: string; sm3: string; bytes: number }
  | { status: 'failed'; file: string; code: string; message: string };

export interface DepositRunOptions {
  inputs: readonly string[];
  cwd: string;
  target: ReceiptTarget;
  journal: string;
  /** `{name}` and `{path}` are replaced by the file's name and relative path. */
  title?: string;
  signKey?: DepositorPrivateKey;
  dryRun: boolean;
  batchSize: number;
  hasher: FileHasher;
  /** Files hashed at once. */
  concurrency: number;
  /** Absent in a dry run without a portal. */
  client?: Pick<VerityClient, 'depositMany' | 'logKey'>;
  /** Called for each file as its fate is known. */
  onOutcome?: (outcome: FileOutcome) => void;
  /** Totals once the walk is done, then files and bytes hashed so far. */
  onTotals?: (files: number, bytes: number) => void;
  onHashed?: (files: number, bytes: number) => void;
  /** Receipts written per batch at once. */
  writeConcurrency?: number;
}

interface Pending extends JournalItem {
  digests: FileDigests;
}

export async function runDeposit(options: DepositRunOptions): Promise<void> {
  const report = (outcome: FileOutcome) => options.onOutcome?.(outcome);
  const jsonl = options.target.kind === 'jsonl' ? await readJsonlReceipts(options.target.file) : undefined;

  // 1. What an earlier run sent without writing every receipt: the same batch, the same key.
  const open = options.dryRun ? [] : await openBatches(options.journal);
  for (const batch of open) {
    const client = requireClient(options);
    const receipts = await sendBatch(options.journal, batch.batch, () =>
      client.depositMany(
        batch.items.map((item) => item.request as DepositRequestInput),
        { batchSize: batch.items.length, idempotencyKeys: () => batch.batch },
      ),
    );
    await writeReceipts(options, batch.items, receipts, jsonl, report, true);
    await journalDone(options.journal, batch.batch);
  }

  // 2. The files: walked first, so the progress knows the totals.
  const files: WalkedFile[] = [];
  const seen = new Set(open.flatMap((b) => b.items.map((i) => i.file)));
  const exclude = [
    options.journal,
    ...(options.target.kind === 'jsonl' ? [options.target.file] : []),
    ...(options.target.kind === 'folder' ? [options.target.folder] : []),
  ];
  // The receipts there are: read only where one exists (a failed open per file costs as much as a write).
  const receiptsSeen = new Set<string>();
  if (options.target.kind === 'folder') {
    for await (const _ of walkFiles([options.target.folder], { receiptsSeen })) {
      // only the receipts are wanted
    }
  }
  for await (const entry of walkFiles([...options.inputs], { cwd: options.cwd, exclude, receiptsSeen })) {
    if (isWalkProblem(entry))
      report({
        status: 'failed',
        file: entry.path,
        code: entry.code,
        message: `${path.relative(options.cwd, entry.path) || entry.path}: ${entry.message}`,
      });
    else if (!seen.has(entry.path)) files.push(entry);
  }
  options.onTotals?.(
    files.length,
    files.reduce((sum, f) => sum + f.bytes, 0),
  );

  // 3. Hash, sort out what is deposited already, deposit the rest in batches.
  const logKey = options.client && !options.dryRun ? await options.client.logKey() : undefined;
  let ready: Pending[] = [];
  let hashedFiles = 0;
  let hashedBytes = 0;
  let flushing: Promise<void> = Promise.resolve();
  const flush = async (batch: Pending[]) => {
    if (batch.length === 0) return;
    const key = randomUUID();
    await journalSending(
      options.journal,
      key,
      batch.map(({ digests: _d, ...item }) => item),
    );
    const receipts = await sendBatch(options.journal, key, () =>
      requireClient(options).depositMany(
        batch.map((item) => item.request as DepositRequestInput),
        { batchSize: batch.length, idempotencyKeys: () => key },
      ),
    );
    await writeReceipts(options, batch, receipts, jsonl, report, false);
    await journalDone(options.journal, key);
  };

  let queued = 0; // batches cut and not yet written
  const receiptExists = (file: string) => receiptsSeen.has(file);
  await forEachLimited(files, options.concurrency, async (file) => {
    // Backpressure: one batch sending and one waiting at most, so memory does not grow with the
    // number of files when hashing outruns the portal.
    while (queued >= 2) await flushing;
    const outcome = await prepare(options, file, jsonl, logKey, receiptExists);
    hashedFiles++;
    hashedBytes += file.bytes;
    options.onHashed?.(hashedFiles, hashedBytes);
    if ('status' in outcome) return report(outcome);
    if (options.dryRun) {
      const { digests } = outcome;
      return report({
        status: 'would-deposit',
        file: file.path,
        sha256: digests.sha256,
        sm3: digests.sm3,
        bytes: digests.bytes,
      });
    }
    ready.push(outcome);
    if (ready.length >= options.batchSize) {
      const batch = ready;
      ready = [];
      // One batch in flight at a time, in order; hashing goes on meanwhile. A failure surfaces
      // at the next wait (above) or at the end; the branch below keeps it from being unhandled.
      queued++;
      flushing = flushing.then(() => flush(batch)).finally(() => queued--);
      flushing.catch(() => {});
    }
  });
  await flushing;
  await flush(ready);
  if (!options.dryRun) await closeJournal(options.journal);
}

/**
 * Sends a journaled batch. A refusal (4xx: a wrong key, a statement the portal will not take)
 * deposited nothing: the batch is closed as refused, so the next run does not send it again but
 * hashes the files anew. Anything else (the portal unreachable) leaves it open, to be sent again.
 */
async function sendBatch(journal: string, key: string, send: () => Promise<Receipt[]>): Promise<Receipt[]> {
  try {
    return await send();
  } catch (error) {
    const status = error instanceof VerityError ? error.status : undefined;
    if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
      await journalRefused(journal, key);
    }
    throw error;
  }
}

function requireClient(options: DepositRunOptions): Pick<VerityClient, 'depositMany' | 'logKey'> {
  if (!options.client) throw new Error('no portal is configured');
  return options.client;
}

/** A file hashed: already deposited (its receipt verifies), failed, or a request ready to send. */
async function prepare(
  options: DepositRunOptions,
  file: WalkedFile,
  jsonl: Map<string, Receipt> | undefined,
  logKey: string | undefined,
  receiptExists: (file: string) => boolean,
): Promise<FileOutcome | Pending> {
  let digests: FileDigests;
  try {
    digests = await options.hasher.hash(file.path);
  } catch (error) {
    if (error instanceof FileChangedError) {
      return {
        status: 'failed',
        file: file.path,
        code: 'FILE_CHANGED',
        message: `${file.relative} changed while it was hashed; not deposited`,
      };
    }
    const code = (error as { code?: string }).code ?? 'UNREADABLE';
    return {
      status: 'failed',
      file: file.path,
      code,
      message: `${file.relative} could not be read: ${(error as Error).message}`,
    };
  }
  const receiptPath = receiptPathOf(options.target, file.path, file.relative);
  const existing = jsonl
    ? jsonl.get(jsonlKeyOf(file.relative))
    : receiptPath && receiptExists(receiptPath)
      ? await readReceipt(receiptPath)
      : undefined;
  if (existing !== undefined) {
    const where = receiptPath ?? `${(options.target as { file: string }).file} (${jsonlKeyOf(file.relative)})`;
    // A receipt file: the receipt, then the title and metadata sent (the SDK checks them against the leaf).
    const check = await verifyReceipt(existing, {
      logKey: logKey ?? '',
      digests: { sha256: digests.sha256, sm3: digests.sm3 },
    });
    const sameFile = check.checks.find((c) => c.name === 'digests')?.ok !== false;
    const failed = check.checks.filter((c) => !c.ok);
    if (failed.length === 0 || (logKey === undefined && sameFile)) {
      const id = (existing as { id?: string }).id ?? '';
      return { status: 'already', file: file.path, id, receipt: where };
    }
    if (!sameFile) {
      return {
        status: 'failed',
        file: file.path,
        code: 'CHANGED_SINCE_DEPOSIT',
        message: `${file.relative} differs from what its receipt ${where} records; not deposited again (move the receipt aside to deposit this version)`,
      };
    }
    const why = failed.map((c) => `${c.name}: ${c.message}`).join('; ');
    return {
      status: 'failed',
      file: file.path,
      code: 'RECEIPT_DOES_NOT_VERIFY',
      message: `the receipt ${where} does not verify (${why}); not deposited again`,
    };
  }
  const name = path.basename(file.path);
  const title = options.title?.replaceAll('{name}', name).replaceAll('{path}', jsonlKeyOf(file.relative));
  const input: DepositRequestInput = {
    digests: { sha256: digests.sha256, sm3: digests.sm3 },
    ...(title ? { title } : {}),
    metadata: { file: { name, size: digests.bytes } },
  };
  let request: DepositRequestInput;
  try {
    request = options.signKey ? signDepositRequest(input, options.signKey) : ZDepositRequest.parse(input);
  } catch (error) {
    return {
      status: 'failed',
      file: file.path,
      code: 'INVALID_STATEMENT',
      message: `${file.relative}: ${(error as Error).message}`,
    };
  }
  const parsed = ZDepositRequest.parse(request);
  return {
    file: file.path,
    relative: file.relative,
    receipt: receiptPath ?? null,
    request: request as Record<string, unknown>,
    additions: { ...(parsed.title ? { title: parsed.title } : {}), metadata: { file: { name, size: digests.bytes } } },
    digests,
  };
}

async function readReceipt(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { unreadable: text.slice(0, 100) };
  }
}

async function writeReceipts(
  options: DepositRunOptions,
  items: readonly JournalItem[],
  receipts: readonly Receipt[],
  jsonl: Map<string, Receipt> | undefined,
  report: (outcome: FileOutcome) => void,
  replayed: boolean,
): Promise<void> {
  const contents = items.map((item, i) => receiptContent(receipts[i] as Receipt, item.additions));
  if (options.target.kind === 'jsonl') {
    const target = options.target.file;
    await appendJsonlReceipts(
      target,
      items.map((item, i) => ({ key: jsonlKeyOf(item.relative), content: contents[i] as object })),
    );
    items.forEach((item, i) => {
      jsonl?.set(jsonlKeyOf(item.relative), contents[i] as Receipt);
      report({
        status: 'deposited',
        file: item.file,
        id: (receipts[i] as Receipt).id,
        receipt: target,
        ...(replayed ? { replayed } : {}),
      });
    });
    return;
  }
  // Written together (each directory synced once), reported once all are on disk.
  await writeReceiptFiles(
    items.map((item, i) => ({ file: item.receipt as string, text: `${JSON.stringify(contents[i], null, 2)}\n` })),
    { concurrency: options.writeConcurrency ?? 16 },
  );
  items.forEach((item, i) => {
    report({
      status: 'deposited',
      file: item.file,
      id: (receipts[i] as Receipt).id,
      receipt: item.receipt as string,
      ...(replayed ? { replayed } : {}),
    });
  });
}

/** Runs `task` over `items`, at most `limit` at once; the first failure rejects after the others settle. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}
