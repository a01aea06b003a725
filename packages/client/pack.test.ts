/**
 * The published package, as a depositor gets it (issue #20): built, packed with `npm pack`,
 * installed from the tarball into an empty folder outside the checkout (no network: it has no
 * dependencies), and used there — `npx verity`, the SDK imported by Node and checking a real
 * receipt, and its declarations compiled by a strict consumer with `skipLibCheck: false`.
 *
 * The package is staged in a temporary folder (its package.json, dist/ built there) so that this
 * test never writes into the checkout's dist/. While src/index.ts and src/node.ts are still being
 * written, fixtures/stand-in/ takes their place (an entry exporting the receipt check and the
 * zod-inferred receipt types); the real entries are used as soon as they exist.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLog, hex } from '@/lib/verification/verify.testing';
import { buildClient, ENTRY_SOURCES } from './build';
import { checkBundle } from './scripts/check-bundle';

const run = promisify(execFile);
const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../..');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const MAX_INSTALLED_BYTES = 5 * 1024 * 1024;

/** The real entries where they exist, the stand-ins where they do not yet. */
const entries = {
  index: existsSync(ENTRY_SOURCES.index) ? ENTRY_SOURCES.index : path.join(HERE, 'fixtures/stand-in/index.ts'),
  node: existsSync(ENTRY_SOURCES.node) ? ENTRY_SOURCES.node : path.join(HERE, 'fixtures/stand-in/node.ts'),
  cli: ENTRY_SOURCES.cli,
};

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
    console.info(`npx verity --version: ${versionMs.toFixed(0)} ms`);
  }, 60_000);

  it('is importable by Node: its SDK checks a real receipt (and refuses a tampered one), its Node entry hashes a file', async () => {
    const log = fakeLog();
    const deposit = log.add({ sha256: hex('a'), sm3: hex('b') });
    log.add({ sha256: hex('c') });
    log.seal();
    const receipt = log.receipt(deposit.id);
    const tampered = { ...receipt, digests: { ...receipt.digests, sha256: hex('d') } };
    await writeFile(
      path.join(consumer, 'fixture.json'),
      JSON.stringify({ receipt, tampered, logKey: log.keys.verifierKey }),
    );
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

const CHECK_SCRIPT = `
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
const sdk = await import('@verity/client');
const { receipt, tampered, logKey } = JSON.parse(readFileSync('fixture.json', 'utf8'));
// The SDK's verifyReceipt once src/index.ts exists; the stand-in's checkReceipt until then.
const verifies = async (r) =>
  sdk.verifyReceipt
    ? (await sdk.verifyReceipt(r, { logKey })).ok
    : sdk.checkReceipt(sdk.parseReceipt(r), undefined, { verifierKey: logKey }).deposit.proof.ok;
const node = await import('@verity/client/node');
// The Node entry hashes a file as OpenSSL does (in worker threads with FileHasher, when exported).
const expected = createHash('sha256').update(readFileSync('fixture.json')).digest('hex');
const hashes = [(await node.hashFile('fixture.json', { algorithms: ['sha256', 'sm3'] })).digests.sha256];
if (node.FileHasher) {
  const hasher = new node.FileHasher();
  hashes.push((await hasher.hash('fixture.json')).sha256);
  await hasher.close();
}
console.log(JSON.stringify({
  genuine: await verifies(receipt),
  tampered: await verifies(tampered),
  nodeEntry: typeof (node.verifyReceipt ?? node.checkReceipt) === 'function',
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
