/**
 * For operator commands (depositors, ledger:verify): the same database and ledger secrets the
 * portal uses. With DATABASE_URL, that server; otherwise the embedded one in the data folder —
 * reused if `npm start` is running it, started (and stopped afterwards) if not.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { parseServerEnv } from '../../lib/env/server-env';
import { startEmbeddedDatabase } from './embedded-postgres';
import { loadLedgerSecrets } from './ledger-secrets';
import { migrateDatabase } from './migrate';

export async function withRuntimeEnv<T>(fn: () => Promise<T>): Promise<T> {
  const env = parseServerEnv(process.env);
  const dataDir = path.resolve(env.VERITY_DATA_DIR);
  const secrets = await loadLedgerSecrets(dataDir);
  process.env.VERITY_API_KEY_PEPPER ??= secrets.apiKeyPepper;
  process.env.VERITY_LOG_SIGNER_KEY ??= secrets.logSignerKey;
  process.env.VERITY_COURT_SIGNER_KEY ??= secrets.courtSignerKey;
  if (env.DATABASE_URL) return fn();

  let stop = async () => {};
  const running = await runningEmbeddedUrl(dataDir, env.VERITY_PG_PORT);
  if (running) process.env.DATABASE_URL = running;
  else {
    const db = await startEmbeddedDatabase({ dataDir, port: env.VERITY_PG_PORT, database: 'verity' });
    process.env.DATABASE_URL = db.url;
    stop = db.stop;
    await migrateDatabase(db.url); // as npm start would; a no-op on a current database
  }
  try {
    return await fn();
  } finally {
    await stop();
  }
}

/** The URL of the embedded database if `npm start` is running it from this data folder now. */
export async function runningEmbeddedUrl(dataDir: string, port: number): Promise<string | null> {
  const passwordFile = path.join(dataDir, 'pg-password');
  if (!existsSync(passwordFile)) return null;
  const password = (await readFile(passwordFile, 'utf8')).trim();
  const url = `postgresql://verity:${encodeURIComponent(password)}@127.0.0.1:${port}/verity`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}
