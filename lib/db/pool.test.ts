import pg from 'pg';
import { describe, expect, inject, it, vi } from 'vitest';
import { getPool } from './pool';

describe('the node-postgres pool', () => {
  it('survives the server closing an idle connection, and answers the next query on a new one', async () => {
    const pool = getPool();
    const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]?.pid;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    try {
      // As a restart or an administrator would: the idle pooled connection is terminated.
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await vi.waitFor(() => expect(logged).toHaveBeenCalledWith(expect.stringContaining('idle database connection')));
      const again = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(again.rows[0]?.pid).not.toBe(pid);
    } finally {
      logged.mockRestore();
      await admin.end();
    }
  });
});
