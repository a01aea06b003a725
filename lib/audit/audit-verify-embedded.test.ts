/**
 * `npm run audit:verify` in the embedded default: no DATABASE_URL, only a data folder as
 * `npm start` leaves it. The CLI reuses the embedded server while the portal runs it, and
 * otherwise starts it for the audit and stops it again; an empty folder is an error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '@/scripts/lib/embedded-postgres';
import { freePort } from '@/scripts/lib/free-port';
import { migrateDatabase } from '@/scripts/lib/migrate';
import { appendOn, runAuditCli } from './audit.testing';

const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

it('audits the data folder’s database, reusing or starting the server', { timeout: 400_000 }, async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-custody-'));
  folders.push(dataDir);
  const port = await freePort();
  const env = { VERITY_DATA_DIR: dataDir, VERITY_PG_PORT: String(port) };

  const server = await startEmbeddedDatabase({ dataDir, port, database: 'verity' });
  try {
    await migrateDatabase(server.url);
    const pool = new pg.Pool({ connectionString: server.url, max: 2 });
    try {
      for (let i = 0; i < 3; i++) await appendOn(pool, { action: 'exhibit.viewed', actorId: null, caseId: null });
    } finally {
      await pool.end();
    }

    const whileRunning = await runAuditCli(env);
    expect(whileRunning.stderr).toMatch(/using the embedded PostgreSQL already running/);
    expect(whileRunning.stdout).toMatch(/intact \(3 events\)/);
    expect(whileRunning.code, `${whileRunning.stderr}\n${whileRunning.stdout}`).toBe(0);
  } finally {
    await server.stop();
  }

  const stopped = await runAuditCli(env);
  expect(stopped.stderr).toMatch(/starting the embedded PostgreSQL/);
  expect(stopped.stdout).toMatch(/intact \(3 events\)/);
  expect(stopped.code, `${stopped.stderr}\n${stopped.stdout}`).toBe(0);
  // …and stopped it again.
  await expect(new pg.Client({ connectionString: server.url }).connect()).rejects.toThrow();

  const empty = await mkdtemp(path.join(tmpdir(), 'verity-custody-'));
  folders.push(empty);
  const none = await runAuditCli({ ...env, VERITY_DATA_DIR: empty });
  expect(none.stderr).toMatch(/no embedded database in/);
  expect(none.code).toBe(2);
});
