import 'server-only';
/**
 * A node-postgres pool for the ledger's bulk statements (multi-row inserts through unnest,
 * advisory locks), which Prisma's query builder cannot express. Same DATABASE_URL as Prisma.
 */
import pg from 'pg';

const globalForPool = globalThis as unknown as { verityPool?: pg.Pool };

export function getPool(): pg.Pool {
  if (globalForPool.verityPool) return globalForPool.verityPool;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString)
    throw new Error('DATABASE_URL is not set: start the portal with `npm start`, which provides it.');
  globalForPool.verityPool = withIdleErrorLogged(
    new pg.Pool({
      connectionString,
      max: 10,
      // A database host that does not answer at all (not refusing: gone from the network) would
      // otherwise hold every request forever; after this it is answered 503 (database-unavailable.ts).
      connectionTimeoutMillis: 10_000,
    }),
  );
  return globalForPool.verityPool;
}

/**
 * An idle pooled connection that the server closes (a restart, a failover, an administrator's
 * pg_terminate_backend) emits 'error' on the pool; unhandled, that would end the process. The
 * pool drops the connection and opens a new one when next needed, so logging is enough.
 */
export function withIdleErrorLogged(pool: pg.Pool): pg.Pool {
  pool.on('error', (error) => {
    console.error(`verity: an idle database connection was closed (${error.message}); it will be replaced`);
  });
  // The pool listens only to idle connections. One that is checked out but not querying (a job
  // holding an advisory lock between rounds) would otherwise end the process when the server closes
  // it — as PostgreSQL's fast shutdown does on Ctrl-C. Its holder sees the next query fail.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

/** Runs `fn` in a transaction on one pooled connection; rolls back on any error. */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Ends the process's pool (scripts that used the domain code, before they stop the database). */
export async function closePool(): Promise<void> {
  const pool = globalForPool.verityPool;
  globalForPool.verityPool = undefined;
  await pool?.end();
}
