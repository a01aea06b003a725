/**
 * What a bundle of the published package may not contain (check-bundle.ts), on bundles written
 * here, and the real esbuild build refusing a `node:` module in the browser entry (bundle-client.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleClient } from './bundle-client';
import { checkBundle, isNodeBuiltin } from './check-bundle';

const ROOT = path.resolve(import.meta.dirname, '../../..');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verity-bundle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bundle(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

const metafile = (file: string, imports: Metafile['outputs'][string]['imports'], inputs: string[] = []): Metafile => ({
  inputs: Object.fromEntries(inputs.map((i) => [i, { bytes: 1, imports: [] }])),
  outputs: { [file]: { bytes: 1, inputs: {}, imports, exports: [], entryPoint: 'x.ts' } },
});

describe('checkBundle', () => {
  it('passes a self-contained Node bundle that uses Node built-ins', async () => {
    const file = await bundle('node.js', 'import{readFile as r}from"node:fs";const c=require("crypto");export{r,c};');
    const meta = metafile(file, [
      { path: 'node:fs', kind: 'import-statement', external: true },
      { path: 'crypto', kind: 'require-call', external: true },
    ]);
    expect(await checkBundle({ entry: 'node', file, metafile: meta, root: ROOT })).toEqual([]);
  });

  it('refuses a package left external, required or imported, and a native addon', async () => {
    const file = await bundle('cli.js', 'const p=require("left-pad");import"zod";export{p};');
    const meta = metafile(file, [{ path: 'zod', kind: 'import-statement', external: true }], ['x/build/addon.node']);
    const problems = (await checkBundle({ entry: 'cli', file, metafile: meta, root: ROOT })).map((p) => p.message);
    expect(problems).toEqual(
      expect.arrayContaining([
        'inlines the native addon x/build/addon.node',
        'imports the package zod, which is not installed with it',
        'requires left-pad, which is not installed with it',
      ]),
    );
  });

  it('refuses any Node module in the browser entry', async () => {
    const file = await bundle('index.js', 'import{x}from"node:crypto";const f=__require("fs");export{x,f};');
    const meta = metafile(file, [{ path: 'node:crypto', kind: 'import-statement', external: true }]);
    const problems = (await checkBundle({ entry: 'index', file, metafile: meta, root: ROOT })).map((p) => p.message);
    expect(problems).toEqual(
      expect.arrayContaining([
        'imports node:crypto (import-statement); the browser entry imports nothing',
        'requires the Node module fs',
        'names the Node module node:crypto',
      ]),
    );
  });

  it("refuses the build machine's paths", async () => {
    const file = await bundle(
      'leaky.js',
      `const here=${JSON.stringify(path.join(ROOT, 'lib/tlog/index.ts'))};export{here};`,
    );
    expect(await checkBundle({ entry: 'node', file, root: ROOT })).toEqual([
      { bundle: 'leaky.js', message: `contains the build machine's path ${ROOT}` },
    ]);
  });

  it('refuses a file loaded from beside the bundle that is not there', async () => {
    await bundle('there.wasm', '');
    const file = await bundle(
      'beside.js',
      'const w=new Worker(new URL("./hash.worker.ts",import.meta.url));const m=new URL("./there.wasm", import.meta.url);export{w,m};',
    );
    expect(await checkBundle({ entry: 'index', file, root: ROOT })).toEqual([
      { bundle: 'beside.js', message: 'loads ./hash.worker.ts from beside itself, which the package does not ship' },
    ]);
  });

  it('knows Node built-ins', () => {
    expect(['node:fs', 'fs', 'fs/promises', 'node:test'].every(isNodeBuiltin)).toBe(true);
    expect(['zod', '@noble/hashes', 'fsevents'].some(isNodeBuiltin)).toBe(false);
  });
});

describe('bundleClient', () => {
  it('refuses a node: module in the browser entry', async () => {
    const entry = await bundle(
      'entry.ts',
      "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    );
    await expect(
      bundleClient({ entries: { index: entry }, outdir: path.join(dir, 'out'), root: ROOT }),
    ).rejects.toThrow(/node:fs/);
  });

  it('answers a dynamic import of a Node module in the browser entry with a module that throws', async () => {
    const entry = await bundle(
      'fallback.ts',
      "export async function webcrypto() {\n  return (await import('crypto')).webcrypto;\n}\n",
    );
    const outdir = path.join(dir, 'fallback');
    const [built] = await bundleClient({ entries: { index: entry }, outdir, root: ROOT });
    expect(built?.unavailable).toEqual(['crypto']);
    const bundled = (await import(path.join(outdir, 'index.js'))) as { webcrypto: () => Promise<unknown> };
    await expect(bundled.webcrypto()).rejects.toThrow(
      "crypto is a Node module: not available in @verity/client's browser build",
    );
  });

  it('builds a browser entry of the portal’s shared code, checked clean', async () => {
    const entry = await bundle(
      'shared.ts',
      "export { verifyInclusion } from '@/lib/tlog';\nexport { parseLeaf } from '@/lib/ledger/statement/parse-leaf';\n",
    );
    const [built] = await bundleClient({ entries: { index: entry }, outdir: path.join(dir, 'shared'), root: ROOT });
    expect(built?.inputs).toEqual(expect.arrayContaining(['lib/tlog/verify-inclusion.ts']));
    expect(built?.bytes).toBeGreaterThan(1000);
  });
});
