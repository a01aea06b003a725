/**
 * FileHasher from an esbuild bundle, built as build.ts builds dist/cli.js (one ESM file, every
 * dependency inlined, minified, with the same `require` banner): the hashing threads must start
 * from inside one file, where no worker script exists beside it. Run as a real `node` process.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { opensslDigest, tempDir, writeRandomFile } from './hash-file-pair.testing';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../../..');
let dir: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove } = await tempDir('hash-bundle'));
});
afterAll(() => remove());

it('hashes in worker threads from a single-file bundle, with the digests openssl gives', async () => {
  const entry = path.join(dir, 'entry.ts');
  await writeFile(
    entry,
    `import { FileHasher } from ${JSON.stringify(path.join(import.meta.dirname, 'hash-file-pair.ts'))};
import { readFileSync } from 'node:fs';
const threads = Number(process.env.THREADS ?? 2);
const hasher = new FileHasher({ threads, splitAbove: 1024 });
const results = await Promise.all(process.argv.slice(2).map((file) => hasher.hash(file)));
await hasher.close();
const peakKiB = Number(/VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
console.log(JSON.stringify({ results, peakKiB }));
`,
  );
  const out = path.join(dir, 'bundle.js');
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    banner: {
      js: "import { createRequire as __verityRequire } from 'node:module'; const require = __verityRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const small = path.join(dir, 'small.bin');
  const large = path.join(dir, 'large.bin');
  await writeRandomFile(small, 100);
  await writeRandomFile(large, 3 * 1024 * 1024 + 5);
  // cwd elsewhere and a clean environment: nothing may be found beside the bundle or through tsx.
  const { stdout } = await run(process.execPath, [out, small, large], {
    cwd: dir,
    env: { PATH: process.env.PATH, NODE_ENV: 'production' },
  });
  const { results } = JSON.parse(stdout) as { results: { path: string; sha256: string; sm3: string; bytes: number }[] };
  for (const [file, bytes] of [
    [small, 100],
    [large, 3 * 1024 * 1024 + 5],
  ] as const) {
    expect(results.find((r) => r.path === file)).toEqual({
      path: file,
      bytes,
      mtimeMs: expect.any(Number),
      sha256: await opensslDigest('sha256', file),
      sm3: await opensslDigest('sm3', file),
    });
  }

  // Peak memory of the whole process (its hashing threads included) hashing 8 files of 64 MiB at
  // once with 4 threads, the most `verity deposit` starts: bounded by the threads (each a V8
  // isolate: ~8.5 MiB on Node 20, more on Node 24, where 8 threads peaked at 164 MiB) and their
  // 1 MiB reads, not by the files' number or sizes.
  const files = Array.from({ length: 8 }, (_, i) => path.join(dir, `m${i}.bin`));
  for (const file of files) await writeRandomFile(file, 64 * 1024 * 1024);
  const many = await run(process.execPath, [out, ...files], {
    cwd: dir,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', THREADS: '4' },
  });
  const { results: hashed, peakKiB } = JSON.parse(many.stdout) as { results: unknown[]; peakKiB: number };
  expect(hashed).toHaveLength(8);
  console.info(`4 threads, 8 × 64 MiB: peak RSS ${(peakKiB / 1024).toFixed(1)} MiB`);
  expect(peakKiB * 1024).toBeLessThanOrEqual(150e6);
}, 120_000);
