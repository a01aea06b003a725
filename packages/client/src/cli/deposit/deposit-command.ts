/**
 * `verity deposit <files|folders…>`: records the SHA-256 and SM3 digests of files on the portal's
 * evidence ledger and keeps each receipt (receipt-target.ts). The files never leave the machine:
 * only their digests, name and size (and a title) are sent. Running it again resumes: files whose
 * receipt is there and still verifies are skipped, deposits an interrupted run made are finished
 * from its journal (deposit-journal.ts), and nothing is deposited twice.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MAX_BATCH_SIZE } from '@/lib/ledger/statement/limits';
import { FileHasher } from '../../node/hash-file-pair';
import { VerityError } from '../../sdk/errors';
import { VerityClient } from '../../sdk/verity-client';
import { printed, usageError, type VerityCommand } from '../command';
import { loadCliConfig } from '../config/load-config';
import { EXIT, type ExitCode } from '../exit-codes';
import { readSigningKey } from '../keys/key-file';
import { type OptionSpecs, parseCommandLine } from '../parse-command-line';
import { createProgress } from '../progress';
import { DEFAULT_JOURNAL, JournalError } from './deposit-journal';
import { receiptTargetOf } from './receipt-target';
import { type FileOutcome, runDeposit } from './run-deposit';

export const DEPOSIT_USAGE = `Usage: npx verity deposit <files or folders…> [options]

Records the SHA-256 and SM3 digests of each file on the portal's evidence ledger and writes its
receipt. Only the digests, the file's name and size (and a title, if given) are sent; the files
stay here. Run the same command again to resume: files with a receipt that still verifies are
skipped, and deposits an interrupted run made are finished, never made twice.

Options:
  --receipts <where>   where receipts go: beside each file as <file>.verity-receipt.json (default),
                       a folder (the same relative paths under it), or a .jsonl file (one per line)
  --title <text>       a title for every file; {name} and {path} become the file's name and path
  --sign-key <file>    sign each deposit with this depositor key (npx verity keys generate)
  --dry-run            hash and list what would be deposited; send nothing, write nothing
  --json               one JSON object per file on stdout, then a summary object
  --url <portal>       the portal (else VERITY_URL or the config file)
  --config <file>      a config file (else VERITY_CONFIG, ./verity.config.json, ~/.config/verity/config.json)
  --journal <file>     the deposit journal (default ./${DEFAULT_JOURNAL})
  --threads <n>        files hashed at once (default: the number of cores, at most 8; hashing
                       threads at most 4)
  --batch-size <n>     deposits per request, 1–${MAX_BATCH_SIZE} (default ${MAX_BATCH_SIZE})
  --retries <n>        retries of a request the portal did not answer, 0–10 (default 5)
  -h, --help           this help

The API key is read from VERITY_API_KEY or the config file, never from the command line.

Exit status: 0 every file deposited or already deposited, 1 some file failed (unreadable, changed
while hashed or since its receipt, refused by the portal, a receipt not written), 2 usage or
configuration error, 3 the portal could not be reached (run again to resume).`;

const OPTIONS = {
  receipts: { type: 'string' },
  title: { type: 'string' },
  'sign-key': { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  url: { type: 'string' },
  config: { type: 'string' },
  journal: { type: 'string' },
  threads: { type: 'string' },
  'batch-size': { type: 'string' },
  retries: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

function positiveInt(value: string | undefined, fallback: number, max: number): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= max ? n : undefined;
}

export const DEPOSIT: VerityCommand = {
  name: 'deposit',
  synopsis: '<files or folders…>',
  summary: 'record files’ digests on the evidence ledger and keep a receipt for each (resumable)',
  usage: DEPOSIT_USAGE,
  async run(argv, deps) {
    const parsed = parseCommandLine(argv, OPTIONS);
    if (!parsed.ok) return usageError('deposit', parsed.message);
    const { values, positionals } = parsed;
    if (values.help) return printed(DEPOSIT_USAGE);
    if (positionals.length === 0) return usageError('deposit', 'name at least one file or folder to deposit');
    const threads = positiveInt(values.threads, Math.min(availableParallelism(), 8), 64);
    if (threads === undefined) return usageError('deposit', '--threads must be a whole number from 1 to 64');
    const batchSize = positiveInt(values['batch-size'], MAX_BATCH_SIZE, MAX_BATCH_SIZE);
    if (batchSize === undefined)
      return usageError('deposit', `--batch-size must be a whole number from 1 to ${MAX_BATCH_SIZE}`);
    const retries = values.retries === undefined ? 5 : positiveInt(values.retries, 0, 10);
    if (retries === undefined && values.retries !== '0')
      return usageError('deposit', '--retries must be a whole number from 0 to 10');
    const cwd = deps.cwd ?? process.cwd();

    let config: Awaited<ReturnType<typeof loadCliConfig>>;
    try {
      config = await loadCliConfig({
        env: deps.env ?? {},
        cwd,
        home: deps.home,
        configPath: values.config,
        flags: { url: values.url },
      });
    } catch (error) {
      return usageError('deposit', (error as Error).message);
    }
    if (!values['dry-run'] && !config.url) {
      return usageError('deposit', 'no portal: give --url, set VERITY_URL, or put "url" in the config file');
    }
    if (!values['dry-run'] && !config.apiKey) {
      return usageError(
        'deposit',
        'no API key: set VERITY_API_KEY or put "apiKey" in the config file (never on the command line)',
      );
    }
    let signKey: Awaited<ReturnType<typeof readSigningKey>> | undefined;
    if (values['sign-key']) {
      try {
        signKey = await readSigningKey(path.resolve(cwd, values['sign-key']));
      } catch (error) {
        return usageError('deposit', (error as Error).message);
      }
    }

    const client = config.url
      ? new VerityClient({
          url: config.url,
          apiKey: config.apiKey,
          logKey: config.logKey,
          retries: retries ?? 0,
          fetch: deps.fetch as typeof fetch,
          // The SDK names its option; a person at the command line pins the key with VERITY_LOG_KEY.
          onWarning: (message) =>
            deps.printError?.(
              `verity deposit: ${message.replace('(pin it with the logKey option)', '(pin it: VERITY_LOG_KEY or "logKey" in the config file)')}`,
            ),
        })
      : undefined;
    const out: string[] = [];
    const line = (text: string) => {
      if (deps.print) progress?.clear();
      return deps.print ? deps.print(text) : out.push(text);
    };
    const json = Boolean(values.json);
    const hasher = new FileHasher({ threads: Math.min(threads, 4) });
    let progress: ReturnType<typeof createProgress> | undefined;
    const counts = { deposited: 0, already: 0, failed: 0, wouldDeposit: 0 };
    const errors: string[] = [];
    let exitCode: ExitCode = EXIT.OK;
    try {
      await runDeposit({
        inputs: positionals,
        cwd,
        target: receiptTargetOf(values.receipts, cwd),
        journal: path.resolve(cwd, values.journal ?? DEFAULT_JOURNAL),
        title: values.title,
        signKey,
        dryRun: Boolean(values['dry-run']),
        batchSize,
        hasher,
        // Files in flight: small files are hashed in this thread, so what bounds them is I/O latency.
        concurrency: Math.max(16, threads * 4),
        client: values['dry-run'] ? undefined : client,
        onTotals: (files, bytes) => {
          if (deps.progress)
            progress = createProgress(deps.progress, { totalFiles: files, totalBytes: bytes, label: 'Hashing' });
        },
        onHashed: (files, bytes) => progress?.update(files, bytes),
        onOutcome: (outcome) => {
          tally(counts, outcome);
          if (json) line(JSON.stringify({ ...outcome, file: path.relative(cwd, outcome.file) || outcome.file }));
          else if (outcome.status === 'failed') errors.push(`✗ ${outcome.message}`);
          else line(describe(outcome, cwd));
        },
      });
    } catch (error) {
      exitCode = failureExit(error);
      errors.push(`verity deposit: ${failureMessage(error, counts.deposited)}`);
    } finally {
      progress?.done();
      await hasher.close();
    }
    if (exitCode === EXIT.OK && counts.failed > 0) exitCode = EXIT.FAILED;
    const summary = values['dry-run']
      ? `Dry run: ${counts.wouldDeposit} to deposit, ${counts.already} already deposited, ${counts.failed} failed. Nothing was sent.`
      : `Deposited ${counts.deposited}, already deposited ${counts.already}, failed ${counts.failed}.`;
    if (json) line(JSON.stringify({ summary: { ...counts, exitCode } }));
    else line(summary);
    return { exitCode, stdout: out, stderr: errors };
  },
};

function tally(
  counts: Record<'deposited' | 'already' | 'failed' | 'wouldDeposit', number>,
  outcome: FileOutcome,
): void {
  if (outcome.status === 'deposited') counts.deposited++;
  else if (outcome.status === 'already') counts.already++;
  else if (outcome.status === 'failed') counts.failed++;
  else counts.wouldDeposit++;
}

function describe(outcome: Exclude<FileOutcome, { status: 'failed' }>, cwd: string): string {
  const file = path.relative(cwd, outcome.file) || outcome.file;
  switch (outcome.status) {
    case 'deposited':
      return `✓ deposited ${file} → ${path.relative(cwd, outcome.receipt) || outcome.receipt} (${outcome.id}${outcome.replayed ? ', finished from the journal' : ''})`;
    case 'already':
      return `· already deposited ${file} (${outcome.id})`;
    case 'would-deposit':
      return `  would deposit ${file} (${outcome.bytes} bytes, SHA-256 ${outcome.sha256})`;
  }
}

function failureExit(error: unknown): ExitCode {
  if (error instanceof VerityError && error.code === 'UNAVAILABLE') return EXIT.UNREACHABLE;
  if (error instanceof JournalError) return EXIT.USAGE;
  return EXIT.FAILED;
}

function failureMessage(error: unknown, deposited: number): string {
  const resume = `${deposited} file(s) were deposited and have receipts; run the same command again to finish (nothing is deposited twice).`;
  if (error instanceof VerityError) {
    if (error.code === 'UNAVAILABLE') return `the portal could not be reached: ${error.message}. ${resume}`;
    if (error.code === 'UNAUTHORIZED')
      return `the portal refused the API key: ${error.message}. Check VERITY_API_KEY (a revoked key must be replaced).`;
    return `${error.message}. ${resume}`;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC')
    return `the disk is full: a receipt could not be written. The deposits were made; free some space and run the same command again to write their receipts (the journal keeps them).`;
  return `${(error as Error).message}. ${resume}`;
}
