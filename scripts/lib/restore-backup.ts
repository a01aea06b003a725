/**
 * `npx verity restore <backup> [--data-dir …] [--force]`: a backup (create-backup.ts) put back on
 * a fresh machine — an empty data folder with the embedded database, or a fresh DATABASE_URL —
 * and then checked as an operator would: ledger:verify, audit:verify, the restored log at the
 * backup's checkpoint, every evidence file present. Before anything is written, the whole backup
 * is checked against its manifest (a damaged one changes nothing) and the target must be empty
 * (`force` overwrites it: the database's public schema is dropped and rebuilt).
 *
 * The schema is rebuilt by the migrations the backup was taken at (this checkout must have them),
 * the rows are loaded, and the checkout's newer migrations, if any, are applied after.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { verifierKeyFromSignerKey } from '@/lib/tlog';
import type { AuditVerifyReport } from '../../lib/audit/findings';
import { verifyAuditLog } from '../../lib/audit/verify-audit-log';
import { unpackArchive } from '../../lib/backup/backup-archive';
import { BackupError } from '../../lib/backup/backup-error';
import type { BackupManifest } from '../../lib/backup/backup-manifest';
import { checkBackupFiles, readBackupManifest } from '../../lib/backup/check-backup-files';
import { copyStateFiles } from '../../lib/backup/copy-state-files';
import { loadDatabase } from '../../lib/backup/load-database';
import { blobPath } from '../../lib/evidence/store-layout';
import { type LedgerAuditReport, verifyLedger } from '../../lib/ledger/audit/verify-ledger';
import { startEmbeddedDatabase } from './embedded-postgres';
import { MIGRATIONS_DIR, migrateDatabase } from './migrate';

export interface RestoreBackupOptions {
  /** A backup folder, or a .tar / .tar.gz of one. */
  source: string;
  dataDir: string;
  evidenceDir: string;
  /** A fresh external database; absent: the embedded one, created in the data folder on `pgPort`. */
  databaseUrl?: string;
  pgPort?: number;
  force?: boolean;
  /** The log's public key, when its signing key comes from the environment (so is not in the backup). */
  logVerifierKey?: string;
  log?: (line: string) => void;
}

export interface RestoredPortal {
  manifest: BackupManifest;
  databaseUrl: string;
  ledger: LedgerAuditReport;
  audit: AuditVerifyReport;
  /** Stops the embedded database the restore started (nothing for an external one). */
  stop(): Promise<void>;
}

/** Tables whose rows mean a portal has lived in this database. */
const LIVED_IN = ['users', 'deposits', 'checkpoints', 'audit_events', 'evidence_blobs'];

export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoredPortal> {
  const say = options.log ?? (() => {});
  const source = path.resolve(options.source);
  const found = await stat(source).catch(() => null);
  if (!found) throw new Error(`${source} does not exist`);
  const unpacked = found.isFile() ? await mkdtemp(path.join(tmpdir(), 'verity-restore-')) : null;
  try {
    if (unpacked) {
      say(`unpacking ${source}…`);
      await unpackArchive(source, unpacked);
    }
    const dir = unpacked ?? source;
    const manifest = await readBackupManifest(dir);
    say(`checking the ${manifest.files.length} files of the backup of ${manifest.createdAt} against its manifest…`);
    await checkBackupFiles(dir, manifest);
    const migrations = await migrationFiles(manifest);
    await refuseLivedInTarget(options);

    return await restoreChecked(dir, manifest, migrations, options, say).catch((error: unknown) => {
      // The target holds part of the backup now: say so, or the next try is refused as "not empty".
      const why = error instanceof Error ? error.message : String(error);
      throw new BackupError(
        error instanceof BackupError ? error.code : 'CHECK_FAILED',
        `${why}. The restore stopped part-way: ${options.dataDir}${options.databaseUrl ? ' and the database' : ''} hold part of the backup; run it again with --force once the cause is fixed`,
        { cause: error },
      );
    });
  } finally {
    if (unpacked) await rm(unpacked, { recursive: true, force: true });
  }
}

async function restoreChecked(
  dir: string,
  manifest: BackupManifest,
  migrations: readonly string[],
  options: RestoreBackupOptions,
  say: (line: string) => void,
): Promise<RestoredPortal> {
  {
    say(`restoring the data folder's files into ${options.dataDir}…`);
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    await copyStateFiles({ from: path.join(dir, 'data'), to: options.dataDir });
    let databaseUrl = options.databaseUrl;
    let stop = async () => {};
    if (!databaseUrl) {
      say(`starting the embedded PostgreSQL in ${path.join(options.dataDir, 'pg')}…`);
      const db = await startEmbeddedDatabase({
        dataDir: options.dataDir,
        port: options.pgPort ?? 54329,
        database: 'verity',
      });
      databaseUrl = db.url;
      stop = db.stop;
    }
    try {
      await restoreDatabase(databaseUrl, dir, manifest, migrations, say);
      say(`restoring ${manifest.evidenceBlobs} evidence files into ${options.evidenceDir}…`);
      for (const file of await copyStateFiles({ from: path.join(dir, 'evidence'), to: options.evidenceDir })) {
        await chmod(path.join(options.evidenceDir, file), 0o440); // as the store keeps them (store-blob.ts)
      }
      const checks = await checkRestored(databaseUrl, options, manifest, say);
      return { manifest, databaseUrl, ...checks, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  }
}

/** The checkout's files of the backup's migrations; SCHEMA_MISMATCH when one is missing. */
async function migrationFiles(manifest: BackupManifest): Promise<string[]> {
  const available = (await readdir(MIGRATIONS_DIR)).filter((f) => /^[0-9]+_.*\.sql$/.test(f));
  const files: string[] = [];
  const missing: string[] = [];
  for (const version of manifest.database.migrations) {
    const file = available.find((f) => f.split('_')[0] === version);
    if (file) files.push(file);
    else missing.push(version);
  }
  if (missing.length > 0) {
    throw new BackupError(
      'SCHEMA_MISMATCH',
      `the backup was taken by a newer Verity (migrations ${missing.join(', ')} are not in this checkout): restore with that version or later; nothing was restored`,
    );
  }
  return files;
}

async function refuseLivedInTarget(options: RestoreBackupOptions): Promise<void> {
  if (options.force) return;
  const what: string[] = [];
  if ((await readdir(options.dataDir).catch(() => [])).length > 0)
    what.push(`the data folder ${options.dataDir} is not empty`);
  if ((await readdir(path.join(options.evidenceDir, 'blobs')).catch(() => [])).length > 0) {
    what.push(`the evidence store ${options.evidenceDir} holds files`);
  }
  if (options.databaseUrl) {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      for (const table of LIVED_IN) {
        const { rows } = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
        if (!rows[0]?.t) continue;
        const any = await client.query(`SELECT 1 FROM "${table}" LIMIT 1`);
        if (any.rowCount) what.push(`the database has rows in ${table}`);
      }
    } finally {
      await client.end();
    }
  }
  if (what.length > 0) {
    throw new BackupError(
      'TARGET_NOT_EMPTY',
      `${what.join('; ')}: restore onto a fresh data folder and database, or give --force to overwrite them; nothing was restored`,
    );
  }
}

async function restoreDatabase(
  url: string,
  dir: string,
  manifest: BackupManifest,
  migrations: readonly string[],
  say: (line: string) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public'",
    );
    // Empty (or --force): a schema of another version must not receive the backup's rows.
    if ((rows[0]?.n ?? 0) > 0) await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  } finally {
    await client.end();
  }
  const subset = await mkdtemp(path.join(tmpdir(), 'verity-restore-migrations-'));
  try {
    for (const f of migrations) await symlink(path.join(MIGRATIONS_DIR, f), path.join(subset, f));
    say(`building the schema of the backup (${migrations.length} migrations)…`);
    await migrateDatabase(url, subset);
  } finally {
    await rm(subset, { recursive: true, force: true });
  }
  const rowsTotal = manifest.database.tables.reduce((n, t) => n + t.rows, 0);
  say(`loading ${rowsTotal} rows into ${manifest.database.tables.length} tables…`);
  await loadDatabase({ databaseUrl: url, dir, database: manifest.database });
  await migrateDatabase(url); // this checkout's newer migrations, if any
  const done = new pg.Client({ connectionString: url });
  await done.connect();
  try {
    // Their bytes received so far were not backed up: the uploader starts again.
    await done.query("UPDATE uploads SET status = 'failed', updated_at = now() WHERE status = 'open'");
  } finally {
    await done.end();
  }
}

async function checkRestored(
  url: string,
  options: RestoreBackupOptions,
  manifest: BackupManifest,
  say: (line: string) => void,
): Promise<{ ledger: LedgerAuditReport; audit: AuditVerifyReport }> {
  const keyFile = path.join(options.dataDir, 'log-signer-key');
  const verifierKey =
    options.logVerifierKey ??
    (existsSync(keyFile) ? verifierKeyFromSignerKey((await readFile(keyFile, 'utf8')).trim()) : undefined);
  if (!verifierKey) {
    throw new BackupError(
      'CHECK_FAILED',
      'the log signing key is not in the backup (the portal had it from VERITY_LOG_SIGNER_KEY): set VERITY_LOG_SIGNER_KEY to check the restored ledger',
    );
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    say('checking the restored ledger (ledger:verify) and custody log (audit:verify)…');
    const ledger = await verifyLedger({ pool, verifierKey });
    const audit = await verifyAuditLog({ pool });
    const problems: string[] = [];
    if (!ledger.ok) problems.push(`ledger:verify found ${ledger.findingsTotal} problems`);
    if (!audit.ok) problems.push(`audit:verify found ${audit.findingsTotal} problems`);
    const newest = (
      await pool.query<{ tree_size: string; root: string }>(
        "SELECT tree_size::text, encode(root_hash, 'hex') AS root FROM checkpoints ORDER BY tree_size DESC LIMIT 1",
      )
    ).rows[0];
    if (
      (newest?.tree_size ?? null) !== (manifest.log?.treeSize ?? null) ||
      (newest?.root ?? null) !== (manifest.log?.rootHash ?? null)
    ) {
      problems.push(
        `the restored log's newest checkpoint is not the backup's (size ${manifest.log?.treeSize ?? 'none'})`,
      );
    }
    const blobs = (await pool.query<{ hex: string }>("SELECT encode(sha256, 'hex') AS hex FROM evidence_blobs")).rows;
    const lacking = blobs.filter((b) => !existsSync(blobPath(options.evidenceDir, b.hex)));
    if (lacking.length > 0) problems.push(`${lacking.length} evidence files the database names are not in the store`);
    if (problems.length > 0)
      throw new BackupError('CHECK_FAILED', `the restored portal failed its checks: ${problems.join('; ')}`);
    return { ledger, audit };
  } finally {
    await pool.end();
  }
}
