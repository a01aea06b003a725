/**
 * `npm run evidence:cleanup`: removes abandoned uploads, orphan part files, stored files no
 * exhibit or completed upload uses, and unrecorded blob files from the evidence store (lib/evidence/cleanup-uploads.ts), as every server does at start
 * and hourly. Uses DATABASE_URL, or the embedded database in the data folder (reused if
 * `npm start` is running it, otherwise started for the cleanup and stopped again); no
 * migrations, no keys. Exit status: 0 done, 2 the cleanup could not run.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { closePool } from '../lib/db/pool';
import { parseServerEnv, type ServerEnv } from '../lib/env/server-env';
import { cleanupUploads } from '../lib/evidence/cleanup-uploads';
import { DEFAULT_UPLOAD_GRACE_HOURS, evidenceConfig } from '../lib/evidence/config';
import { closeUploadPool } from '../lib/evidence/upload-row';
import { startEmbeddedDatabase } from './lib/embedded-postgres';
import { runningEmbeddedUrl } from './lib/runtime-env';

const USAGE = `usage: npm run evidence:cleanup [-- --older-than <hours>]

Removes uploads nobody has touched for <hours> (default VERITY_UPLOAD_GRACE_HOURS, else
${DEFAULT_UPLOAD_GRACE_HOURS}) with their bytes, part files that belong to no upload, stored files
no exhibit or remaining completed upload uses (each written to the audit log), and stored files
older than that with no record.

  DATABASE_URL          the database; without it, the embedded one in VERITY_DATA_DIR (default .data)
  VERITY_EVIDENCE_DIR   the evidence store (default $VERITY_DATA_DIR/evidence)
  VERITY_UPLOAD_GRACE_HOURS  the default for --older-than`;

class ConfigError extends Error {}

const say = (line: string) => console.error(`evidence:cleanup: ${line}`);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function parseArgs(argv: readonly string[]): { olderThanMs?: number } | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  let olderThanMs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--older-than') throw new ConfigError(`unexpected argument ${argv[i]}\n${USAGE}`);
    const hours = Number(argv[++i]);
    if (!Number.isFinite(hours) || hours < 0) throw new ConfigError('--older-than takes a number of hours, such as 24');
    olderThanMs = hours * 3_600_000;
  }
  return { olderThanMs };
}

async function openDatabase(env: ServerEnv, dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  const running = await runningEmbeddedUrl(dataDir, env.VERITY_PG_PORT);
  if (running) return { url: running, stop: async () => {} };
  if (!existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    throw new ConfigError(`no embedded database in ${dataDir}: start the portal once (npm start) or set DATABASE_URL`);
  }
  say(`starting the embedded PostgreSQL in ${path.join(dataDir, 'pg')} on port ${env.VERITY_PG_PORT}…`);
  return startEmbeddedDatabase({ dataDir, port: env.VERITY_PG_PORT, database: 'verity' });
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  let env: ServerEnv;
  try {
    env = parseServerEnv(process.env);
    evidenceConfig(process.env);
  } catch (error) {
    throw new ConfigError(messageOf(error));
  }
  const db = await openDatabase(env, path.resolve(env.VERITY_DATA_DIR));
  process.env.DATABASE_URL = db.url;
  try {
    const olderThan = new Date(Date.now() - (args.olderThanMs ?? evidenceConfig().uploadGraceMs));
    say(`cleaning ${evidenceConfig().dir} (uploads untouched since ${olderThan.toISOString()})…`);
    const report = await cleanupUploads({ olderThan });
    console.log(
      `removed ${report.staleUploads} stale uploads, ${report.orphanPartFiles} orphan part files, ` +
        `${report.unusedBlobs} stored files nothing used, ${report.orphanBlobFiles} unrecorded stored files`,
    );
    return 0;
  } finally {
    await Promise.all([closePool(), closeUploadPool()]);
    await db.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(error instanceof ConfigError ? error.message : `could not complete the cleanup: ${messageOf(error)}`);
    process.exit(2);
  },
);
