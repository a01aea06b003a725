/**
 * Test support for the audit: a database of its own (other test files write to the shared log
 * at the same time, and an audit of that log would see their batches), and tampering as a
 * superuser past the append-only triggers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase } from '@/scripts/lib/migrate';

export interface AuditDatabase {
  url: string;
  pool: pg.Pool;
  drop: () => Promise<void>;
}

/** A fresh, migrated database on the test server (DATABASE_URL from the global setup). */
export async function createAuditDatabase(): Promise<AuditDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is not set: run under Vitest, whose global setup provides it');
  const name = `verity_audit_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrateDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // pool.end() resolves once its connections are told to close, not once they have: the DROP …
  // WITH (FORCE) below can still find one open and terminate it (57P01), which the pool reports as
  // an idle connection's 'error' — unhandled, an uncaught exception in whatever test runs then
  // (seen once in CI on Node 24). That termination is ours; any other error is still reported.
  pool.on('error', (error) => {
    if ((error as { code?: string }).code !== '57P01') console.error('audit test database:', error);
  });
  const drop = async () => {
    await pool.end();
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
  return { url, pool, drop };
}

export async function createOrg(pool: pg.Pool): Promise<string> {
  const id = randomUUID();
  await pool.query('INSERT INTO depositor_orgs (id, name) VALUES ($1, $2)', [id, `Audit test ${id}`]);
  return id;
}

/**
 * Runs `sql` as the superuser with replication role "replica", which skips ordinary triggers
 * (the append-only ones and the reference checks) — what an operator with database access could do.
 */
export function tamper(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<void> {
  return tamperAll(pool, [[sql, params]]);
}

/** `tamper` for several statements in one transaction; each must change exactly one row. */
export async function tamperAll(pool: pg.Pool, statements: ReadonlyArray<[string, unknown[]]>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    for (const [sql, params] of statements) {
      const { rowCount } = await client.query(sql, params);
      if (rowCount !== 1) throw new Error(`tamper: expected to change one row, changed ${rowCount}: ${sql}`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** A copy of `bytes` with one bit of byte `at` flipped. */
export function flipByte(bytes: Uint8Array, at = 0): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}
