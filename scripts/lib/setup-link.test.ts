/**
 * A real court's first start, on a database of its own (empty: no court, no demo data), made in
 * the test cluster and migrated like any other: `npm start`'s setup link (printed once per start,
 * each new one ending the last, nothing once a court exists), and `npx verity admin setup` run as
 * the real command (bin/verity.mjs → scripts/admin.ts), the password from the environment or
 * standard input and never from an argument.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from './migrate';
import { setupLinkIfEmpty } from './setup-link';

const ROOT = path.resolve(import.meta.dirname, '../..');
let url: string;
let dataDir: string;
const name = `verity_setup_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(process.env.DATABASE_URL as string);
  u.pathname = `/${name}`;
  url = u.toString();
  await migrateDatabase(url);
  dataDir = await mkdtemp(path.join(tmpdir(), 'verity-setup-'));
}, 120_000);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

async function query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

function verityAdmin(args: string[], options: { password?: string; stdin?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, VERITY_DATA_DIR: dataDir };
  delete env.VERITY_ADMIN_PASSWORD;
  if (options.password) env.VERITY_ADMIN_PASSWORD = options.password;
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/verity.mjs'), 'admin', ...args], {
    env,
    input: options.stdin ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const SETUP = (code: string, email: string) => [
  'setup',
  '--court-zh',
  '北京互联网法院',
  '--court-en',
  'Beijing Internet Court',
  '--code',
  code,
  '--url',
  'https://verity.court.example',
  '--admin-name',
  '王管理员',
  '--admin-email',
  email,
];

describe.sequential('the first start of a real court', () => {
  it('prints a setup link on an empty database, each start a new one that ends the last', async () => {
    const first = await setupLinkIfEmpty(url, 'http://localhost:3000/');
    expect(first).toMatch(/^http:\/\/localhost:3000\/setup\/[A-Za-z0-9_-]{43}$/);
    const second = await setupLinkIfEmpty(url, 'http://localhost:3000');
    expect(second).not.toBe(first);
    const tokens = await query<{ open: boolean }>(
      'SELECT used_at IS NULL AS open FROM setup_tokens ORDER BY created_at',
    );
    expect(tokens.map((t) => t.open)).toEqual([false, true]);
    // Only the hash is stored: the token from the link is nowhere in the table.
    const token = second?.split('/setup/')[1] ?? '';
    const [hit] = await query<{ n: number }>(
      "SELECT count(*)::int AS n FROM setup_tokens WHERE encode(token_hash, 'escape') LIKE $1",
      [`%${token}%`],
    );
    expect(hit?.n).toBe(0);
  });

  it('`npx verity admin setup` refuses a password argument and a missing password, changing nothing', () => {
    const withArgument = verityAdmin([...SETUP('BJ-0491', 'admin@court.example'), '--password', 'x'.repeat(20)]);
    expect(withArgument.status).toBe(2);
    expect(withArgument.stderr).toMatch(/--password/);
    const noPassword = verityAdmin(SETUP('BJ-0491', 'admin@court.example'));
    expect(noPassword.status).toBe(2);
    expect(noPassword.stderr).toMatch(/VERITY_ADMIN_PASSWORD/);
    const weak = verityAdmin(SETUP('BJ-0491', 'admin@court.example'), { stdin: 'short\n' });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/12 characters/);
  }, 120_000);

  it('sets up the court with the password from standard input; then no link and no second setup', async () => {
    const done = verityAdmin(SETUP('bj-0491', 'Admin@Court.example'), { stdin: 'a long enough passphrase\n' });
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/Sign in as admin@court\.example/);
    const courts = await query<{ code: string; public_url: string }>('SELECT code, public_url FROM courts');
    expect(courts).toEqual([{ code: 'BJ-0491', public_url: 'https://verity.court.example' }]);
    const admins = await query<{ role: string }>(
      "SELECT role::text AS role FROM users WHERE email = 'admin@court.example'",
    );
    expect(admins).toEqual([{ role: 'admin' }]);
    const open = await query('SELECT 1 FROM setup_tokens WHERE used_at IS NULL');
    expect(open).toHaveLength(0);

    expect(await setupLinkIfEmpty(url, 'http://localhost:3000')).toBeNull();
    const again = verityAdmin(SETUP('BJ-0492', 'other@court.example'), { password: 'another long passphrase' });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/has a court already/);
    expect(await query('SELECT 1 FROM courts')).toHaveLength(1);
  }, 120_000);
});
