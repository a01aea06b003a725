/**
 * An unreachable database is answered 503 UNAVAILABLE with Retry-After, not 500 INTERNAL: the
 * errors are real — node-postgres and Prisma (over its pg adapter) connecting to a port nobody
 * listens on, a connection the server terminates (as a restart does), a server refusing
 * connections for lack of slots — and the request's own faults stay what they were.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse, errorResult } from '@/lib/errors/http';
import { freePort } from '@/scripts/lib/free-port';
import { createPrismaClient } from './create-client';
import { isDatabaseUnavailable } from './database-unavailable';

afterEach(() => {
  vi.restoreAllMocks();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

/** A database URL on a loopback port nobody listens on. */
async function deadUrl(): Promise<string> {
  return `postgresql://verity:x@127.0.0.1:${await freePort()}/verity`;
}

/** Terminates the backend running the query that carries `marker`, once it runs. */
async function terminate(admin: pg.Client, marker: string): Promise<void> {
  await vi.waitFor(
    async () => {
      const { rowCount } = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()",
        [`%${marker}%`],
      );
      expect(rowCount).toBe(1);
    },
    { timeout: 4000 },
  );
}

function expect503(error: unknown): void {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  expect(isDatabaseUnavailable(error)).toBe(true);
  const { status, body } = errorResult(error);
  expect(status).toBe(503);
  expect(body).toMatchObject({
    error: { code: 'UNAVAILABLE', message: expect.stringMatching(/Retry in a few seconds/) },
  });
  // No driver detail, no stack in the answer.
  expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at .*\.js/);
}

describe('errors that say the database is unavailable', () => {
  it('node-postgres: connection refused (the server is down)', async () => {
    const pool = new pg.Pool({ connectionString: await deadUrl(), connectionTimeoutMillis: 2000 });
    try {
      expect503(await rejection(pool.query('SELECT 1')));
    } finally {
      await pool.end();
    }
  });

  it('Prisma over its pg adapter: connection refused', async () => {
    const db = createPrismaClient(await deadUrl());
    try {
      expect503(await rejection(db.user.findFirst({ where: { email: `${randomUUID()}@x.test` } })));
      expect503(await rejection(db.$queryRaw`SELECT 1`));
    } finally {
      await db.$disconnect();
    }
  });

  it('node-postgres and Prisma: the server ends the connection (as a restart does)', async () => {
    const url = inject('databaseUrl');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {}); // the termination also arrives as an event
    await client.connect();
    const db = createPrismaClient(url);
    const marker = randomUUID();
    try {
      // Each victim is busy when terminated: its query fails with 57P01 (admin_shutdown).
      const busy = rejection(client.query(`SELECT pg_sleep(5) /* ${marker} pg */`));
      await terminate(admin, `${marker} pg`);
      expect503(await busy);

      await db.$queryRaw`SELECT 1`; // connected
      // A Prisma query runs only once something waits for it.
      const prismaBusy = rejection(db.$queryRawUnsafe(`SELECT pg_sleep(5) /* ${marker} prisma */`));
      await terminate(admin, `${marker} prisma`);
      expect503(await prismaBusy);
    } finally {
      await client.end().catch(() => {});
      await admin.end();
      await db.$disconnect();
    }
  });

  it('answers Retry-After with the 503', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const pool = new pg.Pool({ connectionString: await deadUrl() });
    try {
      const response = errorResponse(await rejection(pool.query('SELECT 1')));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
    } finally {
      await pool.end();
    }
  });
});

describe('errors that do not', () => {
  it('keeps the request’s and the code’s own faults as they were', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const pool = new pg.Pool({ connectionString: inject('databaseUrl') });
    try {
      const syntax = await rejection(pool.query('SELEC 1'));
      const duplicate = await rejection(
        pool.query('SELECT 1 FROM (VALUES (1)) v WHERE 1/0 = 1'), // division by zero, 22012
      );
      for (const error of [syntax, duplicate, new Error('boom'), new TypeError('x is undefined')]) {
        expect(isDatabaseUnavailable(error)).toBe(false);
        expect(errorResult(error).status).toBe(500);
      }
      expect(errorResult(new AppError('NOT_FOUND', 'No such deposit.')).status).toBe(404);
      expect(errorResponse(new Error('boom')).headers.get('retry-after')).toBeNull();
    } finally {
      await pool.end();
    }
  });
});
