/**
 * `npm run ledger:verify`: audits the evidence ledger (lib/ledger/audit/verify-ledger.ts) in
 * DATABASE_URL, or in the embedded database of the data folder, which is started for the audit
 * and stopped again. Read-only: no migrations, no demo data, no keys created.
 * Exit status: 0 intact, 1 findings, 2 the audit could not run (usage, configuration, database).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { parseServerEnv, type ServerEnv } from '../lib/env/server-env';
import { type LedgerAuditReport, verifyLedger } from '../lib/ledger/audit/verify-ledger';
import { parseVerifierKey, verifierKeyFromSignerKey } from '../lib/tlog';
import { startEmbeddedDatabase } from './lib/embedded-postgres';

const USAGE = `usage: npm run ledger:verify

Checks every leaf, stored tree node and signed checkpoint of the evidence ledger.

  DATABASE_URL             the database; without it, the embedded one in VERITY_DATA_DIR (default .data)
  VERITY_LOG_VERIFIER_KEY  the log's public key, <origin>+<hex8>+<base64>; or
  VERITY_LOG_SIGNER_KEY    its signer key, from which the public key is derived
                           (with the embedded database, the key kept in VERITY_DATA_DIR by default)

Exit status: 0 the ledger is intact, 1 problems were found, 2 the audit could not run.`;

/** A mistake in how the audit was invoked: exit 2 with the message alone. */
class ConfigError extends Error {}

const say = (line: string) => console.error(`ledger:verify: ${line}`);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function resolveVerifierKey(env: NodeJS.ProcessEnv, dataDir: string | null): Promise<string> {
  const tryKey = (name: string, derive: () => string) => {
    try {
      return derive();
    } catch (error) {
      throw new ConfigError(`${name} is not a valid key: ${messageOf(error)}`);
    }
  };
  const verifier = env.VERITY_LOG_VERIFIER_KEY;
  if (verifier) return tryKey('VERITY_LOG_VERIFIER_KEY', () => parseVerifierKey(verifier) && verifier);
  const signer = env.VERITY_LOG_SIGNER_KEY;
  if (signer) return tryKey('VERITY_LOG_SIGNER_KEY', () => verifierKeyFromSignerKey(signer));
  if (dataDir === null) {
    throw new ConfigError('set VERITY_LOG_VERIFIER_KEY to the log’s public key to audit the database at DATABASE_URL');
  }
  // Where scripts/lib/ledger-secrets.ts keeps the embedded default's key. Read it; never create one.
  const file = path.join(dataDir, 'log-signer-key');
  if (!existsSync(file)) throw new ConfigError(`no log key in ${dataDir}: set VERITY_LOG_VERIFIER_KEY`);
  const text = (await readFile(file, 'utf8')).trim();
  return tryKey(file, () => verifierKeyFromSignerKey(text));
}

async function openDatabase(env: ServerEnv): Promise<{ url: string; stop: () => Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  const dataDir = path.resolve(env.VERITY_DATA_DIR);
  if (!existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    throw new ConfigError(`no embedded database in ${dataDir}: start the portal once (npm start) or set DATABASE_URL`);
  }
  say(`starting the embedded PostgreSQL in ${path.join(dataDir, 'pg')} on port ${env.VERITY_PG_PORT}…`);
  try {
    return await startEmbeddedDatabase({ dataDir, port: env.VERITY_PG_PORT, database: 'verity' });
  } catch (error) {
    throw new ConfigError(
      `${messageOf(error)} If the portal is running on this data folder, stop it first or set DATABASE_URL.`,
    );
  }
}

async function assertLedgerTables(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ missing: string[] }>(
    `SELECT array_remove(ARRAY[
       CASE WHEN to_regclass('deposits') IS NULL THEN 'deposits' END,
       CASE WHEN to_regclass('log_leaves') IS NULL THEN 'log_leaves' END,
       CASE WHEN to_regclass('log_nodes') IS NULL THEN 'log_nodes' END,
       CASE WHEN to_regclass('checkpoints') IS NULL THEN 'checkpoints' END,
       CASE WHEN to_regclass('sequence_queue') IS NULL THEN 'sequence_queue' END], NULL) AS missing`,
  );
  const missing = rows[0]?.missing ?? [];
  if (missing.length > 0) throw new ConfigError(`the database has no ${missing.join(', ')}: run npm run db:migrate`);
}

function printReport(report: LedgerAuditReport): void {
  if (report.findings.length > 0) console.log(`Findings (${report.findingsTotal}):`);
  for (const f of report.findings) console.log(`  - ${f.message} [${f.kind}]`);
  if (report.truncated) console.log(`  … and ${report.findingsTotal - report.findings.length} more, not listed.`);
  console.log(
    `Checked ${report.leavesChecked} leaves, ${report.nodesChecked} nodes and ${report.checkpointsChecked} ` +
      `checkpoints of a log of size ${report.treeSize} in ${(report.durationMs / 1000).toFixed(1)} s.`,
  );
  if (report.ok) console.log('OK: the ledger is intact.');
  else {
    const first = report.firstBadLeafIndex ?? 'none (the leaves and tree nodes are intact)';
    console.log(`FAILED: ${report.findingsTotal} problem(s); first bad leaf index: ${first}.`);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (argv.length > 0) throw new ConfigError(`unexpected argument ${argv[0]}\n${USAGE}`);
  let env: ServerEnv;
  try {
    env = parseServerEnv(process.env);
  } catch (error) {
    throw new ConfigError(messageOf(error));
  }
  const verifierKey = await resolveVerifierKey(
    process.env,
    env.DATABASE_URL ? null : path.resolve(env.VERITY_DATA_DIR),
  );
  const db = await openDatabase(env);
  const interrupt = () => void db.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  try {
    await assertLedgerTables(pool);
    const u = new URL(db.url);
    say(`auditing ${u.hostname}:${u.port}${u.pathname} against key ${verifierKey.split('+', 2).join('+')}…`);
    let lastSaid = 0;
    const report = await verifyLedger({
      pool,
      verifierKey,
      onProgress: ({ leavesChecked, treeSize }) => {
        // Every chunk would be hundreds of lines for a large log: at most one line every 2 seconds.
        if (Date.now() - lastSaid < 2000 && BigInt(leavesChecked) < treeSize) return;
        lastSaid = Date.now();
        say(`${leavesChecked} of ${treeSize} leaves checked…`);
      },
    });
    printReport(report);
    return report.ok ? 0 : 1;
  } finally {
    await pool.end();
    await db.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(error instanceof ConfigError ? error.message : `could not complete the audit: ${messageOf(error)}`);
    process.exit(2);
  },
);
