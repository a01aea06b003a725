/**
 * Applies the SQL migrations in prisma/migrations with dbmate (its binary ships in npm).
 * dbmate records applied versions in `schema_migrations` and runs each file in a transaction.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveBinary } from 'dbmate';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');

/** `migrationsDir`: another folder of them (a restore applies only the backup's migrations first). */
export async function migrateDatabase(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): Promise<string> {
  const url = withSslDefault(databaseUrl);
  const { stdout } = await run(
    resolveBinary(),
    ['--url', url, '--migrations-dir', migrationsDir, '--no-dump-schema', '--wait', '--wait-timeout', '30s', 'up'],
    { env: { ...process.env, DATABASE_URL: url } },
  );
  return stdout;
}

// dbmate (Go's lib/pq) requires TLS unless told otherwise; local servers rarely have it.
function withSslDefault(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  const host = u.hostname;
  if (!u.searchParams.has('sslmode') && (host === '127.0.0.1' || host === 'localhost' || host === '::1')) {
    u.searchParams.set('sslmode', 'disable');
  }
  return u.toString();
}
