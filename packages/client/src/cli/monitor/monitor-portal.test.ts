/**
 * `verity monitor` against the portal's own ledger API: a log of this file's own (a database of
 * its own, as lib/ledger/http/tile-api.test.ts: other files seal into the shared log at the same
 * time) grown by sealBatch with real deposit statements, served by the front server
 * (lib/front: checkpoint, key and tiles, as each worker of `npm start` answers them). Behind it,
 * where Next.js would be, a stub that answers 404 to everything — as the portal answers
 * GET /api/v1/log/witnesses when it has no such route or no witnesses. The monitor catches up,
 * resumes reading only new entries, raises an alarm on a leaf that is not a deposit statement,
 * and runs once as a real `npx verity monitor` child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { startFrontServer } from '@/lib/front/front-server';
import { type AuditDatabase, createAuditDatabase, createOrg } from '@/lib/ledger/audit/audit.testing';
import { syntheticDeposit } from '@/lib/ledger/ledger.testing';
import type { PendingDeposit } from '@/lib/ledger/pending-deposit';
import { MAX_BATCH, sealBatch } from '@/lib/ledger/seal-batch';
import { buildLeaf } from '@/lib/ledger/statement/build-leaf';
import { hashLeaf, verifierKeyFromSignerKey } from '@/lib/tlog';
import type { CliDeps } from '../command';
import { nodeCliDeps } from '../main';
import { runVerityCli } from '../run-verity-cli';
import type { MonitorEvidence } from './monitor-log';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');

let db: AuditDatabase;
let orgId: string;
let front: http.Server;
let upstream: http.Server;
let portal: string;
let verifierKey: string;

beforeAll(async () => {
  // If this process had already used the shared pool, sealBatch would write to the shared log.
  expect((globalThis as { verityPool?: unknown }).verityPool).toBeUndefined();
  db = await createAuditDatabase();
  process.env.DATABASE_URL = db.url;
  verifierKey = verifierKeyFromSignerKey(process.env.VERITY_LOG_SIGNER_KEY ?? '');
  orgId = await createOrg(db.pool);
  await sealBatch([]);
  upstream = http.createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"code":"NOT_FOUND","message":"Not found."}}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamPort = (upstream.address() as AddressInfo).port;
  front = await startFrontServer({ port: 0, host: '127.0.0.1', upstream: { host: '127.0.0.1', port: upstreamPort } });
  portal = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => front?.close(resolve));
  await new Promise((resolve) => upstream?.close(resolve));
  await getPool().end();
  await db?.drop();
});

/** A deposit as acceptDeposits records it: a real statement leaf. */
function statementDeposit(): PendingDeposit {
  const sha256 = Buffer.from(randomUUID().replaceAll('-', '').repeat(2), 'hex');
  const depositedAt = new Date();
  const { leaf } = buildLeaf({
    request: { digests: { sha256: sha256.toString('hex') } },
    depositor: { id: orgId, name: `Audit test ${orgId}` },
    depositedAt,
  });
  return { id: randomUUID(), orgId, leaf, leafHash: hashLeaf(leaf), sha256, sm3: null, depositedAt };
}

async function grow(count: number, make: () => PendingDeposit = statementDeposit): Promise<void> {
  for (let done = 0; done < count; ) {
    const n = Math.min(MAX_BATCH, count - done);
    await sealBatch(Array.from({ length: n }, make));
    done += n;
  }
}

function deps(cwd: string, requested: string[]): CliDeps {
  const node = nodeCliDeps();
  return {
    ...node,
    cwd,
    progress: undefined,
    fetch: (url, init) => {
      requested.push(url);
      return node.fetch(url, init);
    },
  };
}

function runBin(cwd: string, argv: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, npm_config_ignore_scripts: 'true', npm_config_update_notifier: 'false' };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/verity.mjs'), ...argv], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('verity monitor against the portal’s ledger API', () => {
  it('catches up, resumes with only the new entries (in process and as a real child process), and raises an alarm on a leaf that is not a deposit statement', async () => {
    await grow(700);
    const dir = await mkdtemp(path.join(tmpdir(), 'verity-monitor-portal-'));
    const requested: string[] = [];
    const first = await runVerityCli(['monitor', portal, '--once'], deps(dir, requested));
    expect(first.exitCode, first.stderr.join('\n')).toBe(0);
    expect(first.stderr.join('\n')).toContain(`TRUSTING THE LOG KEY ON FIRST USE: ${verifierKey}`);
    expect(first.stderr.join('\n')).toContain('THE LOG IS UNWITNESSED');
    expect(first.stdout).toContain(
      '✓ entries 0–699: 700 read through the tiles, each a deposit statement; the tiles give the signed root',
    );
    expect(requested.filter((u) => u.includes('/tile/entries/'))).toHaveLength(3);

    await grow(300);
    requested.length = 0;
    const second = await runVerityCli(['monitor', portal, '--once', '--log-key', verifierKey], deps(dir, requested));
    expect(second.exitCode, second.stderr.join('\n')).toBe(0);
    expect(second.stdout).toContain('✓ consistent with the checkpoint of size 700 verified before');
    expect(second.stdout).toContain(
      '✓ entries 700–999: 300 read through the tiles, each a deposit statement; the tiles give the signed root',
    );
    // Only the bundles from leaf 700 on: 002 (now full) and 003.p/232.
    expect(requested.filter((u) => u.includes('/tile/entries/')).map((u) => u.split('/api/v1/log/')[1])).toEqual([
      'tile/entries/002',
      'tile/entries/003.p/232',
    ]);

    // The same as a real child process (bin/verity.mjs, what npx runs), from another directory:
    // its state goes to ./.verity-monitor there. Asynchronously: the portal runs in this process.
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'verity-monitor-npx-'));
    const child = await runBin(elsewhere, ['monitor', portal, '--once', '--log-key', verifierKey]);
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toMatch(
      /^Verified up to 1000 of 1000 entries .*State: \/.*\/\.verity-monitor\/127\.0\.0\.1_\d+-[0-9a-f]{12}\.json$/m,
    );
    expect(await readdir(path.join(elsewhere, '.verity-monitor'))).toHaveLength(1);

    // A leaf the portal's API would never build: the monitor says which entry and keeps its state.
    await grow(1, () => syntheticDeposit(orgId));
    await grow(5);
    const third = await runVerityCli(['monitor', portal, '--once', '--json'], deps(dir, []));
    expect(third.exitCode).toBe(1);
    const alarm = JSON.parse(third.stdout[0] as string) as { kind: string; evidenceFile: string };
    expect(alarm.kind).toBe('not-a-statement');
    const evidence = JSON.parse(await readFile(alarm.evidenceFile, 'utf8')) as MonitorEvidence;
    expect(evidence.entry).toMatchObject({ leafIndex: '1000', tilePath: 'tile/entries/003.p/238' });
    const files = await readdir(path.join(dir, '.verity-monitor'));
    const state = JSON.parse(
      await readFile(path.join(dir, '.verity-monitor', files.find((f) => !f.includes('.alarm-')) as string), 'utf8'),
    ) as { checkpoint: { size: string } };
    expect(state.checkpoint.size).toBe('1000');
    const again = await runBin(elsewhere, ['monitor', portal, '--once']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/✗ ALARM \(not-a-statement\): entry 1000 of the log is not a deposit statement/);
  }, 120_000);

  it('answers `npx verity monitor --help`', () => {
    const env = { ...process.env, npm_config_ignore_scripts: 'true', npm_config_update_notifier: 'false' };
    const npx = spawnSync('npx', ['verity', 'monitor', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
      timeout: 60_000,
    });
    expect(npx.status).toBe(0);
    expect(npx.stdout).toMatch(/^Usage: npx verity monitor <portal URL>/);
  }, 60_000);
});
