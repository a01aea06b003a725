/**
 * `npm run ledger:verify`: audits the evidence ledger (lib/ledger/audit/verify-ledger.ts) in the
 * portal's database: DATABASE_URL, or the embedded one in the data folder (reused if `npm start`
 * is running it, otherwise started for the audit and stopped again). Read-only, unlike
 * scripts/lib/runtime-env.ts: no migrations, no demo data, and no keys created — a key minted
 * on the spot would make every checkpoint "fail" instead of saying the real key is missing.
 * Exit status: 0 intact, 1 findings, 2 the audit could not run (usage, configuration, database).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { parseVerifierKey, verifierKeyFromSignerKey } from '@/lib/tlog';
import { parseServerEnv, type ServerEnv } from '../lib/env/server-env';
import { formatReport } from '../lib/ledger/audit/format-report';
import { verifyLedger } from '../lib/ledger/audit/verify-ledger';
import { openOperatorDatabase } from './lib/operator-database';

const USAGE = `usage: npm run ledger:verify

Checks every leaf, stored tree node and signed checkpoint of the evidence ledger, and reports
every witness alarm stored (a witness that was shown another history of the ledger).

  DATABASE_URL             the database; without it, the embedded one in VERITY_DATA_DIR (default .data)
  VERITY_LOG_VERIFIER_KEY  the log's public key, <origin>+<hex8>+<base64>; or
  VERITY_LOG_SIGNER_KEY    its signer key, from which the public key is derived;
                           without either, the key the portal keeps in VERITY_DATA_DIR

Exit status: 0 the ledger is intact, 1 problems (or witness alarms) were found, 2 the audit could not run.`;

/** A mistake in how the audit was invoked: exit 2 with the message alone. */
class ConfigError extends Error {}

const say = (line: string) => console.error(`ledger:verify: ${line}`);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** As the portal: the environment's key, else the data folder's (scripts/lib/ledger-secrets.ts), never a new one. */
async function resolveVerifierKey(env: NodeJS.ProcessEnv, dataDir: string): Promise<string> {
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
  const file = path.join(dataDir, 'log-signer-key');
  if (!existsSync(file)) throw new ConfigError(`no log key in ${dataDir}: set VERITY_LOG_VERIFIER_KEY`);
  const text = (await readFile(file, 'utf8')).trim();
  return tryKey(file, () => verifierKeyFromSignerKey(text));
}

async function assertLedgerTables(pool: pg.Pool): Promise<void> {
  const tables = [
    'deposits',
    'log_leaves',
    'log_nodes',
    'checkpoints',
    'sequence_queue',
    'checkpoint_cosignatures',
    'witness_alarms',
  ];
  const { rows } = await pool.query<{ name: string }>(
    'SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NULL',
    [tables],
  );
  if (rows.length > 0) {
    throw new ConfigError(`the database has no ${rows.map((r) => r.name).join(', ')}: run npm run db:migrate`);
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
  const dataDir = path.resolve(env.VERITY_DATA_DIR);
  if (!env.DATABASE_URL && !existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    throw new ConfigError(`no embedded database in ${dataDir}: start the portal once (npm start) or set DATABASE_URL`);
  }
  const verifierKey = await resolveVerifierKey(process.env, dataDir);
  // Never creates a cluster: an empty data folder is an error, not an empty log that "verifies".
  const db = await openOperatorDatabase(env, say).catch((error: unknown) => {
    throw new ConfigError(messageOf(error));
  });
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
    for (const line of formatReport(report)) console.log(line);
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
