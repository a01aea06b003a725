/**
 * Backups (issue #21): `createBackup` (a .tar.gz) and `restoreBackup` (into a fresh database, with
 * its checks) of a log of `--deposits` sealed synthetic deposits, on an embedded PostgreSQL of its
 * own. Reference in the same run: `verifyLedger` of the source log alone (ledger:verify, which the
 * restore also runs), and the database dump alone (dumpDatabase, without hashing and archiving).
 *
 *   npx tsx --conditions=react-server bench/backup-restore.ts [--deposits 100000]
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateNoteKeys, verifierKeyFromSignerKey } from '@/lib/tlog';
import { startEmbeddedDatabase } from '../scripts/lib/embedded-postgres';
import { freePort } from '../scripts/lib/free-port';
import { migrateDatabase } from '../scripts/lib/migrate';

const { values } = parseArgs({ options: { deposits: { type: 'string', default: '100000' } } });
const deposits = Number(values.deposits);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-bench-backup-'));
const out = await mkdtemp(path.join(tmpdir(), 'verity-bench-backup-out-'));
const db = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'verity' });
try {
  await migrateDatabase(db.url);
  const signer = generateNoteKeys('verity.bench/ledger').signerKey;
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    VERITY_LOG_SIGNER_KEY: signer,
    VERITY_API_KEY_PEPPER: 'bench'.repeat(9),
    VERITY_COURT_SIGNER_KEY: Buffer.alloc(32, 1).toString('base64'),
  });
  await writeFile(path.join(dataDir, 'log-signer-key'), `${signer}\n`, { mode: 0o600 });
  // After the environment is set: the domain code reads it when first used.
  const { sealBatch } = await import('../lib/ledger/seal-batch');
  const { buildDepositorOrg, syntheticDeposit } = await import('../lib/ledger/ledger.testing');
  const { closePool } = await import('../lib/db/pool');
  const { closeDb } = await import('../lib/db/client');
  const { verifyLedger } = await import('../lib/ledger/audit/verify-ledger');
  const { dumpDatabase } = await import('../lib/backup/dump-database');
  const { createBackup } = await import('../scripts/lib/create-backup');
  const { restoreBackup } = await import('../scripts/lib/restore-backup');

  let started = performance.now();
  const org = await buildDepositorOrg();
  let state: Awaited<ReturnType<typeof sealBatch>>['state'] | undefined;
  for (let done = 0; done < deposits; done += 4000) {
    state = (
      await sealBatch(
        Array.from({ length: Math.min(4000, deposits - done) }, () => syntheticDeposit(org.id)),
        state,
      )
    ).state;
  }
  await Promise.all([closePool(), closeDb()]);
  console.log(`sealed ${deposits} deposits in ${seconds(started)} s`);

  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  started = performance.now();
  await verifyLedger({ pool, verifierKey: verifierKeyFromSignerKey(signer) });
  const reference = seconds(started);
  await pool.end();
  started = performance.now();
  await dumpDatabase({ databaseUrl: db.url, dir: path.join(out, 'dump-only') });
  const dumpOnly = seconds(started);

  const archive = path.join(out, 'backup.tar.gz');
  started = performance.now();
  const manifest = await createBackup({
    databaseUrl: db.url,
    dataDir,
    evidenceDir: path.join(dataDir, 'evidence'),
    target: archive,
  });
  const backup = seconds(started);
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query('CREATE DATABASE restored');
  await admin.end();
  const target = new URL(db.url);
  target.pathname = '/restored';
  started = performance.now();
  const restored = await restoreBackup({
    source: archive,
    dataDir: path.join(out, 'data'),
    evidenceDir: path.join(out, 'evidence'),
    databaseUrl: target.toString(),
  });
  const restore = seconds(started);
  const rows = manifest.database.tables.reduce((n, t) => n + t.rows, 0);
  console.log(
    `| deposits | rows | archive | backup | restore + checks | dump alone | ledger:verify alone (reference) |`,
  );
  console.log(`| ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
  console.log(
    `| ${deposits} | ${rows} | ${((await stat(archive)).size / 1e6).toFixed(1)} MB | ${backup} s | ${restore} s | ${dumpOnly} s | ${reference} s |`,
  );
  if (!restored.ledger.ok) throw new Error('the restored ledger did not verify');
} finally {
  await db.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
}
process.exit(0);
