/**
 * The published package, as a depositor gets it (issue #20): built, packed with `npm pack`,
 * installed from the tarball into an empty folder outside the checkout (no network: it has no
 * dependencies), and used there — `npx verity`, the SDK imported by Node and checking a real
 * receipt, and its declarations compiled by a strict consumer with `skipLibCheck: false` — and
 * #20's acceptance there: `npx verity deposit` on a tree of 2,000 files against a running portal,
 * killed halfway (SIGKILL) and run again, deposits every file exactly once (counted on the server)
 * with a receipt each that `npx verity verify --offline` and Go's sumdb code (tools/go-verify)
 * accept; a changed file fails with exit 1.
 *
 * The package is staged in a temporary folder (its package.json, dist/ built there) so that this
 * test never writes into the checkout's dist/.
 */

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync as readFileSyncText } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGoVerifier } from '@/tools/go-verify/build';
import { verifyReceiptWithGo } from '@/tools/go-verify/run';
import { buildClient, ENTRY_SOURCES } from './build';
import { receiptFixture } from './receipt-fixture.testing';
import { checkBundle } from './scripts/check-bundle';
import { startTestPortal, type TestPortal } from './src/sdk/portal.testing';

const run = promisify(execFile);
const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../..');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const MAX_INSTALLED_BYTES = 5 * 1024 * 1024;

const entries = ENTRY_SOURCES;

let work: string; // everything this test writes, removed after
let consumer: string; // the empty folder the package is installed into
let installed: string; // node_modules/@verity/client there
let installedBytes = 0;
let versionMs = 0;

const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' };

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'verity-pack-'));
  const stage = path.join(work, 'package');
  await mkdir(stage);
  await copyFile(path.join(HERE, 'package.json'), path.join(stage, 'package.json'));
  if (existsSync(path.join(HERE, 'README.md')))
    await copyFile(path.join(HERE, 'README.md'), path.join(stage, 'README.md'));
  await buildClient({ outdir: path.join(stage, 'dist'), entries });
  // prepack (npm run build) would build the checkout's dist/: this stage is built already.
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: stage,
    env,
  });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  consumer = path.join(work, 'consumer');
  await mkdir(consumer);
  await writeFile(
    path.join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, filename)], {
    cwd: consumer,
    env,
  });
  installed = path.join(consumer, 'node_modules/@verity/client');
  const du = await run('du', ['-sk', path.join(consumer, 'node_modules')]);
  installedBytes = Number(du.stdout.split('\t')[0]) * 1024;
}, 240_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed @verity/client, installed into an empty folder', () => {
  it('is self-contained and small: nothing but the package installed, ≤ 5 MB on disk', async () => {
    expect(await readdir(path.join(consumer, 'node_modules'))).toEqual(['.bin', '.package-lock.json', '@verity']);
    expect(installedBytes).toBeGreaterThan(100_000);
    expect(installedBytes).toBeLessThanOrEqual(MAX_INSTALLED_BYTES);
    console.info(`installed size (du -sk node_modules): ${(installedBytes / 1024 / 1024).toFixed(2)} MiB`);
  });

  it('runs `npx verity --version` and `--help` there', async () => {
    const started = performance.now();
    const version = await run('npx', ['--offline', 'verity', '--version'], { cwd: consumer, env });
    versionMs = performance.now() - started;
    const pkg = JSON.parse(await readFile(path.join(HERE, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(`verity ${pkg.version}`);
    const help = await run('npx', ['--offline', 'verity', '--help'], { cwd: consumer, env });
    for (const command of ['verify-certificate', 'witness', 'monitor']) expect(help.stdout).toContain(command);
    expect((await stat(path.join(installed, 'dist/cli.js'))).mode & 0o111).not.toBe(0);
    // A notary office runs its witness from this package alone.
    const init = await run(
      'npx',
      ['--offline', 'verity', 'witness', 'init', '--name', 'witness.example/1', '--dir', 'w'],
      {
        cwd: consumer,
        env,
      },
    );
    expect(init.stdout).toMatch(/witness\.example\/1\+[0-9a-f]{8}\+/);
    const key = await run('npx', ['--offline', 'verity', 'witness', 'key', '--dir', 'w'], { cwd: consumer, env });
    expect(key.stdout).toContain(init.stdout.match(/witness\.example\/1\+[0-9a-f]{8}\+\S+/)?.[0]);
    console.info(`npx verity --version: ${versionMs.toFixed(0)} ms`);
  }, 60_000);

  it('is importable by Node: its SDK checks a real receipt (and refuses a tampered one), its Node entry hashes a file', async () => {
    await writeFile(path.join(consumer, 'fixture.json'), JSON.stringify(receiptFixture()));
    await writeFile(path.join(consumer, 'check.mjs'), CHECK_SCRIPT);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: consumer, env });
    expect(JSON.parse(stdout)).toEqual({ genuine: true, tampered: false, nodeEntry: true, hashed: true });
  }, 60_000);

  it('has declarations a strict consumer compiles with skipLibCheck false, importing no package', async () => {
    for (const file of await readdir(path.join(installed, 'dist'), { recursive: true })) {
      if (!file.endsWith('.d.ts')) continue;
      const text = await readFile(path.join(installed, 'dist', file), 'utf8');
      expect(text, file).not.toMatch(/from\s*'(?![./]|node:)/);
      expect(text, file).not.toMatch(/import\(\s*['"](?![./]|node:)/);
    }
    await writeFile(path.join(consumer, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG(ROOT)));
    await writeFile(path.join(consumer, 'consumer.ts'), CONSUMER_TS);
    const compiled = await run(process.execPath, [TSC, '-p', consumer], { cwd: consumer }).catch(
      (error: { stdout: string }) => error,
    );
    expect(compiled.stdout).toBe('');
  }, 120_000);

  it('names no path of this checkout and requires no package it does not ship', async () => {
    const bundles = (await readdir(path.join(installed, 'dist'), { recursive: true })).filter((f) => f.endsWith('.js'));
    expect(bundles).toEqual(expect.arrayContaining(['index.js', 'node.js', 'cli.js']));
    for (const file of bundles) {
      const text = await readFile(path.join(installed, 'dist', file), 'utf8');
      expect(text, file).not.toContain(ROOT);
      const entry = file === 'index.js' ? 'index' : 'node';
      expect(await checkBundle({ entry, file: path.join(installed, 'dist', file), root: ROOT }), file).toEqual([]);
    }
    expect(await readFile(path.join(installed, 'dist/cli.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});

describe('a depositor in that folder (the acceptance of #20)', () => {
  const FILES = 2_000;
  let portal: TestPortal;
  let logKey: string;
  let tree: string;
  beforeAll(async () => {
    portal = await startTestPortal();
    logKey = (await (await fetch(`${portal.url}/api/v1/log/key`)).text()).trim();
    tree = path.join(consumer, 'evidence');
    for (let folder = 0; folder < 20; folder++) {
      await mkdir(path.join(tree, `folder-${folder}`), { recursive: true });
      await Promise.all(
        Array.from({ length: FILES / 20 }, (_, i) =>
          writeFile(path.join(tree, `folder-${folder}`, `file-${i}.txt`), `file ${folder}/${i} ${Math.random()}`),
        ),
      );
    }
  }, 60_000);
  afterAll(() => portal?.close());

  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', resolve));
  const depositorEnv = () => ({
    ...env,
    VERITY_URL: portal.url,
    VERITY_API_KEY: portal.apiKey,
    VERITY_LOG_KEY: logKey,
  });
  const npx = (...argv: string[]) =>
    run('npx', ['--offline', 'verity', ...argv], { cwd: tree, env: depositorEnv() }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('deposits a tree killed halfway and run again: every file once, receipts that verify offline and in Go', async () => {
    const child = spawn('npx', ['--offline', 'verity', 'deposit', '.', '--batch-size', '100'], {
      cwd: tree,
      env: depositorEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const exit = exited(child);
    // Killed as soon as the portal holds some of its deposits: mid-run. npx runs the command in a
    // child of its own, so the whole process group is killed.
    const deadline = Date.now() + 60_000;
    while ((await portal.countDeposits(portal.orgId)) < 150) {
      if (Date.now() > deadline) throw new Error(`the deposit never started: ${stderr}`);
      if (child.exitCode !== null) throw new Error(`the deposit ended before it could be killed: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    killTree(child.pid as number);
    await exit;
    // Let a request already sent finish on the server before counting.
    await new Promise((r) => setTimeout(r, 500));
    const afterKill = await portal.countDeposits(portal.orgId);
    expect(afterKill).toBeGreaterThanOrEqual(150);
    expect(afterKill).toBeLessThan(FILES);

    const resumed = await npx('deposit', '.', '--batch-size', '100');
    // stderr has the progress line (not a terminal: plain lines), nothing failed.
    expect(resumed.stderr).not.toMatch(/✗|verity deposit:/);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^Deposited \d+, already deposited \d+, failed 0\.$/m);

    const counts = await portal.countsBySha256(portal.orgId);
    expect(counts.size).toBe(FILES);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await expect(stat(path.join(tree, '.verity-deposit-journal.jsonl'))).rejects.toThrow();
    const ids = new Set<string>();
    for (let folder = 0; folder < 20; folder++) {
      for (let i = 0; i < FILES / 20; i++) {
        const file = path.join(tree, `folder-${folder}`, `file-${i}.txt.verity-receipt.json`);
        ids.add((JSON.parse(await readFile(file, 'utf8')) as { id: string }).id);
      }
    }
    expect(ids.size).toBe(FILES);

    const sample = ['folder-0/file-0.txt', 'folder-7/file-77.txt', 'folder-19/file-99.txt'];
    const go = await buildGoVerifier();
    for (const file of sample) {
      const verified = await npx('verify', file, '--offline');
      expect(verified.code, verified.stdout).toBe(0);
      expect(verified.stdout).toMatch(/^Result: /m);
      if (go || process.env.CI) {
        const text = await readFile(path.join(tree, `${file}.verity-receipt.json`), 'utf8');
        const result = await verifyReceiptWithGo(go as string, text, logKey);
        expect({ ok: result.ok, stderr: result.stderr }).toEqual({ ok: true, stderr: '' });
      }
    }
    // A changed file fails.
    await writeFile(path.join(tree, sample[1] as string), 'changed after its deposit');
    const changed = await npx('verify', sample[1] as string, '--offline');
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/digests/);
  }, 240_000);
});

/** SIGKILL to a process and its children (npx → node cli.js), as a crash or `kill -9` would. */
function killTree(pid: number): void {
  const children = (() => {
    try {
      return readFileSyncText(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  })();
  for (const child of children) killTree(child);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

const CHECK_SCRIPT = `
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
const sdk = await import('@verity/client');
const { receipt, tampered, logKey } = JSON.parse(readFileSync('fixture.json', 'utf8'));
const verifies = async (r) => (await sdk.verifyReceipt(r, { logKey })).ok;
const node = await import('@verity/client/node');
// The Node entry hashes a file as OpenSSL does (in this thread, and with FileHasher).
const expected = createHash('sha256').update(readFileSync('fixture.json')).digest('hex');
const hashes = [(await node.hashFile('fixture.json', { algorithms: ['sha256', 'sm3'] })).digests.sha256];
const hasher = new node.FileHasher();
hashes.push((await hasher.hash('fixture.json')).sha256);
await hasher.close();
console.log(JSON.stringify({
  genuine: await verifies(receipt),
  tampered: await verifies(tampered),
  nodeEntry: typeof node.verifyReceipt === 'function',
  hashed: hashes.every((h) => h === expected),
}));
`;

const CONSUMER_TSCONFIG = (root: string) => ({
  compilerOptions: {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'DOM'],
    types: ['node'],
    typeRoots: [path.join(root, 'node_modules/@types')],
  },
  files: ['consumer.ts'],
});

/** Uses the receipt types the agreed interface promises; `@ts-expect-error` fails if a type were `any`. */
const CONSUMER_TS = `
import type { Receipt, SealedReceipt } from '@verity/client';
import type * as NodeEntry from '@verity/client/node';

export function leafIndex(receipt: Receipt): number | undefined {
  // @ts-expect-error a pending receipt has no leaf index: the union is real, not any
  receipt.leafIndex;
  return receipt.status === 'sealed' ? receipt.leafIndex : undefined;
}
export const sealed = (r: SealedReceipt): string => r.checkpoint + r.inclusionProof.join('') + (r.digests.sha256 ?? '');
export type Both = keyof typeof NodeEntry;
`;
