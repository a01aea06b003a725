/**
 * The audit tests' own databases: a connection the server terminates while idle in the test pool
 * (what DROP DATABASE … WITH (FORCE) does to a connection pool.end() has not finished closing) is
 * no uncaught exception, and the database is dropped.
 */
import pg from 'pg';
import { expect, it } from 'vitest';
import { createAuditDatabase } from './audit.testing';

it('survives the server terminating an idle connection, and drops the database', async () => {
  const db = await createAuditDatabase();
  const { rows } = await db.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const closed = new Promise<void>((resolve) => db.pool.once('remove', () => resolve()));
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    await closed; // the pool saw the idle connection's error and removed it
    const name = new URL(db.url).pathname.slice(1);
    await db.drop();
    const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    expect(left.rowCount).toBe(0);
  } finally {
    await admin.end();
  }
});
