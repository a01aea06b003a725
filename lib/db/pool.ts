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
  globalForPool.verityPool = new pg.Pool({ connectionString, max: 10 });
  return globalForPool.verityPool;
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
