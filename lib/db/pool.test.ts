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

  it('survives the server closing a connection that is checked out and idle (a lock held between rounds): the holder sees its next query fail, the process goes on', async () => {
    const pool = getPool();
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]?.pid;
    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    // Without a listener on the checked-out client, its 'error' event would end this test process.
    const uncaught = vi.fn();
    process.on('uncaughtException', uncaught);
    try {
      // The socket closes after the server's farewell (FATAL 57P01) has been read.
      const socket = (client as unknown as { connection: { stream: NodeJS.EventEmitter } }).connection.stream;
      const ended = new Promise((resolve) => socket.once('close', resolve));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await ended; // the server's farewell arrived while nothing was asked
      await expect(client.query('SELECT 1')).rejects.toThrow();
      expect(uncaught).not.toHaveBeenCalled();
    } finally {
      process.off('uncaughtException', uncaught);
      client.release(true);
      await admin.end();
    }
    const again = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(again.rows[0]?.pid).not.toBe(pid);
  });
});
