/**
 * scripts/depositors.ts end to end: the operator CLI run as operators run it (tsx with the
 * react-server condition), against the test database.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '@/scripts/lib/free-port';
import { tag } from '@/test/builders';
import { activeDepositorKeys } from './active-depositor-keys';
import { authenticateApiKey } from './authenticate-api-key';
import { bearer, ed25519PublicKey } from './testing';

const root = path.resolve(import.meta.dirname, '../..');

function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      path.join(root, 'node_modules/.bin/tsx'),
      ['--conditions=react-server', 'scripts/depositors.ts', ...args],
      { cwd: root, env },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('scripts/depositors.ts', { timeout: 120_000 }, () => {
  it('refuses bad command lines with the usage and exit code 2', async () => {
    for (const args of [[], ['org'], ['org', 'create'], ['key', 'create', 'only-org'], ['frobnicate', 'x']]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('usage: npx tsx --conditions=react-server scripts/depositors.ts');
    }
    const noBase64 = await cli(['signing-key', 'add', 'org', 'ed25519', 'not base64!', 'label']);
    expect(noBase64).toMatchObject({ code: 2, stderr: expect.stringContaining('standard base64') });
  });

  it('without DATABASE_URL uses the embedded database of the data folder', async () => {
    const { DATABASE_URL: _, VERITY_API_KEY_PEPPER: __, ...withoutDb } = process.env;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-cli-'));
    try {
      const env = { ...withoutDb, VERITY_DATA_DIR: dataDir, VERITY_PG_PORT: String(await freePort()) };
      expect(await cli(['org', 'list'], env)).toMatchObject({ code: 0 });
      // It generated the portal's secrets there, as npm start would, and left no server running.
      expect(existsSync(path.join(dataDir, 'api-key-pepper'))).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('creates an organisation, issues, lists and revokes a key, and registers a signing key', async () => {
    const org = `CLI depositor ${tag()}`;
    expect(await cli(['org', 'create', org])).toMatchObject({ code: 0, stdout: expect.stringContaining(org) });
    expect(await cli(['org', 'create', org])).toMatchObject({ code: 1, stderr: expect.stringContaining('CONFLICT') });
    expect((await cli(['org', 'list'])).stdout).toContain(org);

    const created = await cli(['key', 'create', org, 'ingest server']);
    expect(created).toMatchObject({ code: 0, stderr: expect.stringContaining('cannot be shown again') });
    const key = created.stdout.trim();
    const auth = await authenticateApiKey(bearer(key));
    expect(auth).toMatchObject({ ok: true, org: { name: org } });
    const lookupId = key.split('_')[1] ?? '';
    // Deposit limits (issue #21): set by the operator ("default": the server's), then listed.
    expect(await cli(['key', 'limits', lookupId, '600', 'default', '5000'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('600/min, burst default, 5000/day'),
    });
    expect(await authenticateApiKey(bearer(key))).toMatchObject({
      limits: { ratePerMinute: 600, burst: null, dailyQuota: 5000 },
    });
    expect((await cli(['key', 'list', org])).stdout).toMatch(
      new RegExp(`^${lookupId}\\t.*\\tactive\\t600/min, burst default, 5000/day\\tingest server$`, 'm'),
    );
    expect(await cli(['key', 'limits', lookupId, '0', 'default', 'default'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('VALIDATION_FAILED'),
    });
    expect(await cli(['key', 'revoke', lookupId])).toMatchObject({ code: 0 });
    expect(await authenticateApiKey(bearer(key))).toMatchObject({ code: 'KEY_REVOKED' });

    const publicKey = ed25519PublicKey();
    const added = await cli(['signing-key', 'add', org, 'ed25519', Buffer.from(publicKey).toString('base64'), 'hsm 1']);
    expect(added).toMatchObject({ code: 0 });
    const keys = auth.ok ? await activeDepositorKeys(auth.org.id) : [];
    expect(keys.map((k) => Buffer.from(k.publicKey).toString('hex'))).toEqual([Buffer.from(publicKey).toString('hex')]);
    const bad = await cli(['signing-key', 'add', org, 'sm2', Buffer.from(publicKey).toString('base64'), 'x']);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('VALIDATION_FAILED') });
    expect(await cli(['key', 'list', `missing ${tag()}`])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('NOT_FOUND'),
    });
  });
});
