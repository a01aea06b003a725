/**
 * `npm run ledger:verify` in the embedded default: no DATABASE_URL and no key in the
 * environment, only a data folder as `npm start` leaves it. The CLI reuses the embedded server
 * while the portal runs it, and otherwise starts it for the audit and stops it again.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { startEmbeddedDatabase } from '@/scripts/lib/embedded-postgres';
import { freePort } from '@/scripts/lib/free-port';
import { migrateDatabase } from '@/scripts/lib/migrate';
import { syntheticDeposit } from '../ledger.testing';
import { sealBatch } from '../seal-batch';
import { runCli } from './cli.testing';

const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

it('audits the data folder’s database with the data folder’s key, reusing or starting the server', {
  timeout: 120_000,
}, async () => {
  // If this process had already used the shared pool, sealBatch would write to the shared log.
  expect((globalThis as { verityPool?: unknown }).verityPool).toBeUndefined();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-audit-'));
  folders.push(dataDir);
  const port = await freePort();
  const env = { VERITY_DATA_DIR: dataDir, VERITY_PG_PORT: String(port) };

  const server = await startEmbeddedDatabase({ dataDir, port, database: 'verity' });
  await migrateDatabase(server.url);
  await writeFile(path.join(dataDir, 'log-signer-key'), `${process.env.VERITY_LOG_SIGNER_KEY}\n`);
  process.env.DATABASE_URL = server.url;
  const org = randomUUID();
  await getPool().query('INSERT INTO depositor_orgs (id, name) VALUES ($1, $2)', [org, `Audit ${org}`]);
  for (const n of [20, 30]) await sealBatch(Array.from({ length: n }, () => syntheticDeposit(org)));
  await getPool().end();

  const whileRunning = await runCli(env);
  expect(whileRunning.stderr).toMatch(/using the embedded PostgreSQL already running/);
  expect(whileRunning.stdout).toMatch(/log of size 50 .*\n.*ledger is intact/);
  expect(whileRunning.code).toBe(0);
  await server.stop();

  const stopped = await runCli(env);
  expect(stopped.stderr).toMatch(/starting the embedded PostgreSQL/);
  expect(stopped.stdout).toMatch(/ledger is intact/);
  expect(stopped.code).toBe(0);
  // …and stopped it again.
  await expect(new pg.Client({ connectionString: server.url }).connect()).rejects.toThrow();

  const empty = await mkdtemp(path.join(tmpdir(), 'verity-audit-'));
  folders.push(empty);
  const none = await runCli({ ...env, VERITY_DATA_DIR: empty });
  expect(none.stderr).toMatch(/no embedded database in/);
  expect(none.code).toBe(2);
});
