/**
 * The database an operator's read-only check (audit:verify) runs against, found as the portal
 * finds it: DATABASE_URL, else the embedded server of the data folder — reused while `npm start`
 * runs it, otherwise started for the check and stopped again. Never creates a cluster: an empty
 * data folder is an error, not a fresh database that would "verify" as empty.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ServerEnv } from '../../lib/env/server-env';
import { startEmbeddedDatabase } from './embedded-postgres';
import { runningEmbeddedUrl } from './runtime-env';

export interface OperatorDatabase {
  url: string;
  stop: () => Promise<void>;
}

export async function openOperatorDatabase(env: ServerEnv, say: (line: string) => void): Promise<OperatorDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  const dataDir = path.resolve(env.VERITY_DATA_DIR);
  if (!existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    throw new Error(`no embedded database in ${dataDir}: start the portal once (npm start) or set DATABASE_URL`);
  }
  const running = await runningEmbeddedUrl(dataDir, env.VERITY_PG_PORT);
  if (running) {
    say(`using the embedded PostgreSQL already running on port ${env.VERITY_PG_PORT}`);
    return { url: running, stop: async () => {} };
  }
  say(`starting the embedded PostgreSQL in ${path.join(dataDir, 'pg')} on port ${env.VERITY_PG_PORT}…`);
  return startEmbeddedDatabase({ dataDir, port: env.VERITY_PG_PORT, database: 'verity' });
}
