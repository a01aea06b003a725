/**
 * The start-up path of `npm start` against a real embedded PostgreSQL in a throwaway data
 * folder: first start creates and seeds (the demo exchange too), a restart reuses the data without duplicates, an
 * emptied folder starts fresh, and DATABASE_URL means no embedded server at all.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parseServerEnv } from '../../lib/env/server-env';
import { freePort } from './free-port';
import { prepareRuntime, runtimeEnv } from './prepare-runtime';

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

describe('prepareRuntime', () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  it('creates, seeds, restarts without duplicates, and starts fresh when the folder is emptied', {
    timeout: 60_000,
  }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-start-'));
    folders.push(dataDir);
    const env = parseServerEnv({ VERITY_DATA_DIR: dataDir, VERITY_PG_PORT: String(await freePort()) });

    const first = await prepareRuntime({ env });
    expect(first.embedded).toBe(true);
    expect(first.seeded).toEqual({ usersCreated: 6, casesCreated: 2 });
    expect(first.ledger.logVerifierKey).toMatch(/^verity\.localhost\/ledger\+[0-9a-f]{8}\+/);
    // The demo deposits are sealed, and the demo exhibits submitted through the real upload path.
    expect(await count(first.databaseUrl, 'SELECT count(*) AS n FROM log_leaves')).toBe(3);
    expect(await count(first.databaseUrl, 'SELECT count(*) AS n FROM exhibits')).toBe(4);
    expect(await count(first.databaseUrl, 'SELECT count(*) AS n FROM evidence_blobs')).toBe(4);
    // The demo case's evidence exchange: a deadline, an objection, a reply, a determination answering it.
    const exchangeRows = `SELECT (SELECT count(*) FROM exchange_deadlines) * 1000 + (SELECT count(*) FROM exhibit_opinions) * 100
        + (SELECT count(*) FROM opinion_replies) * 10 + (SELECT count(*) FROM determination_answers) AS n`;
    expect(await count(first.databaseUrl, exchangeRows)).toBe(1111);
    const users = await count(first.databaseUrl, 'SELECT count(*) AS n FROM users');
    const secret = first.authSecret;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    // With the demo data, the three demo witnesses run, and the portal is told about them.
    const witnessKeys = first.witnesses?.witnesses.map((w) => w.verifierKey);
    expect(witnessKeys?.length).toBe(3);
    const portalEnv = runtimeEnv(first);
    expect(portalEnv.VERITY_WITNESS_QUORUM).toBe('2');
    expect((JSON.parse(portalEnv.VERITY_WITNESSES ?? '[]') as { name: string }[]).map((w) => w.name)).toEqual([
      '示范公证处',
      '示范司法鉴定中心',
      '示范行业协会',
    ]);
    const witnessPids = first.witnesses?.witnesses.map((w) => w.pid) ?? [];
    await first.stop();
    for (const pid of witnessPids) expect(() => process.kill(pid as number, 0)).toThrow(); // stopped with the rest

    const second = await prepareRuntime({ env });
    expect(second.seeded).toEqual({ usersCreated: 0, casesCreated: 0 });
    expect(await count(second.databaseUrl, 'SELECT count(*) AS n FROM users')).toBe(users);
    expect(await count(second.databaseUrl, exchangeRows)).toBe(1111);
    expect(await count(second.databaseUrl, 'SELECT count(*) AS n FROM schema_migrations')).toBeGreaterThan(0);
    expect(second.authSecret).toBe(secret); // sessions survive a restart
    expect(second.ledger).toEqual(first.ledger); // the log keeps its key and identity
    expect(second.witnesses?.witnesses.map((w) => w.verifierKey)).toEqual(witnessKeys); // and its witnesses theirs
    await second.stop();

    const off = await prepareRuntime({ env: { ...env, VERITY_DEMO_WITNESSES: false } });
    expect(off.witnesses).toBeNull();
    expect(off.witnessesWhy).toBe('VERITY_DEMO_WITNESSES=false');
    expect(runtimeEnv(off).VERITY_WITNESSES).toBeUndefined();
    await off.stop();

    await rm(dataDir, { recursive: true, force: true });
    const fresh = await prepareRuntime({ env });
    expect(fresh.seeded).toEqual({ usersCreated: 6, casesCreated: 2 });
    expect(fresh.authSecret).not.toBe(secret);
    expect(fresh.ledger.logSignerKey).not.toBe(first.ledger.logSignerKey);
    expect((await readFile(path.join(dataDir, 'auth-secret'), 'utf8')).trim()).toBe(fresh.authSecret);
    await fresh.stop();
  });

  it('uses DATABASE_URL without starting an embedded server or seeding demo data', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-external-'));
    folders.push(dataDir);
    const env = parseServerEnv({
      VERITY_DATA_DIR: dataDir,
      DATABASE_URL: process.env.DATABASE_URL,
      NEXTAUTH_SECRET: 's'.repeat(40),
    });
    const runtime = await prepareRuntime({ env });
    expect(runtime).toMatchObject({ embedded: false, seeded: null, authSecret: 's'.repeat(40), witnesses: null });
    expect(runtime.witnessesWhy).toMatch(/no demo data/);
    expect(existsSync(path.join(dataDir, 'pg'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'witnesses'))).toBe(false);
    await runtime.stop();
  });

  it('runs no demo witnesses when the court names its own, even with VERITY_DEMO_WITNESSES=true', {
    timeout: 60_000,
  }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-witnesses-'));
    folders.push(dataDir);
    const env = parseServerEnv({
      VERITY_DATA_DIR: dataDir,
      DATABASE_URL: process.env.DATABASE_URL,
      VERITY_DEMO_WITNESSES: 'true',
    });
    const court = JSON.stringify([
      { name: '某公证处', verifierKey: 'notary.example+01020304+AQ==', url: 'https://witness.notary.example' },
    ]);
    const own = await prepareRuntime({ env, rawEnv: { VERITY_WITNESSES: court, VERITY_WITNESS_QUORUM: '1' } });
    expect(own.witnesses).toBeNull();
    expect(own.witnessesWhy).toMatch(/its own witnesses \(VERITY_WITNESSES\)/);
    expect(runtimeEnv(own).VERITY_WITNESSES).toBeUndefined(); // the court's setting reaches the portal untouched
    expect(existsSync(path.join(dataDir, 'witnesses'))).toBe(false);
    await own.stop();

    // Asked for without demo data (and without the court's own), they run.
    const asked = await prepareRuntime({ env, rawEnv: {} });
    expect(asked.witnesses?.witnesses.length).toBe(3);
    expect(runtimeEnv(asked).VERITY_WITNESSES).toBe(asked.witnesses?.env.VERITY_WITNESSES);
    await asked.stop();
  });

  it('stops the demo witnesses it started when the database fails', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-witnesses-'));
    folders.push(dataDir);
    // A cluster folder that is not one: PostgreSQL refuses it at once.
    await mkdir(path.join(dataDir, 'pg'), { recursive: true });
    await writeFile(path.join(dataDir, 'pg', 'PG_VERSION'), '17\n');
    const env = parseServerEnv({
      VERITY_DATA_DIR: dataDir,
      VERITY_PG_PORT: String(await freePort()),
      VERITY_DEMO_WITNESSES: 'true',
    });
    await expect(prepareRuntime({ env, rawEnv: {} })).rejects.toThrow();
    // They had started (their folders exist) and were stopped (each removes its lock when it stops).
    for (const slug of ['notary', 'forensics', 'association']) {
      expect(existsSync(path.join(dataDir, 'witnesses', slug, 'witness.json'))).toBe(true);
      expect(existsSync(path.join(dataDir, 'witnesses', slug, 'witness.lock'))).toBe(false);
    }
  });
});
