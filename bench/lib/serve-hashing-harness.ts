/**
 * Serves the browser-hashing harness on 127.0.0.1: `hashing-harness-page.ts` and lib/hashing's
 * real `hash.worker.ts`, each bundled by esbuild (the worker as an ES module, as Next.js emits
 * it for `new Worker(new URL(…), { type: 'module' })`), plus a page with a file input.
 * Everything is served from memory; nothing is written to the checkout.
 *
 * Besides the real worker (`/hash.worker.js`) it serves the same worker built with hash-wasm's
 * hashers in place of lib/hashing's own (`hash-wasm-hasher.ts`): `/hash.worker.hash-wasm.js` for
 * both algorithms and `/hash.worker.hash-wasm-sha256.js` for SHA-256 only, the earlier steps
 * that `bench/browser-hashing.ts --steps` compares with today's.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type BuildOptions, build, type Plugin } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const REAL_HASHER = path.join(ROOT, 'lib/hashing/wasm/wasm-hasher.ts');
const SHIM = path.join(ROOT, 'bench/lib/hash-wasm-hasher.ts');

/** Output name (served as `/<name>.js`) → source file, relative to the project root. */
export const HARNESS_ENTRIES: Record<string, string> = {
  page: 'bench/lib/hashing-harness-page.ts',
  'hash.worker': 'lib/hashing/hash.worker.ts',
  'experiment.worker': 'bench/lib/hashing-experiment.worker.ts',
};

/** Worker builds with hash-wasm for some algorithms: served name → those algorithms. */
export const HASH_WASM_WORKERS: Record<string, string[]> = {
  'hash.worker.hash-wasm': ['sha256', 'sm3'],
  'hash.worker.hash-wasm-sha256': ['sha256'],
};

const INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hashing harness</title></head>
<body><input type="file" id="file"><script type="module" src="/page.js"></script></body></html>`;

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

/** lib/hashing's imports of its hasher resolve to the shim; the shim's own import stays real. */
const useHashWasm: Plugin = {
  name: 'hash-wasm-hashers',
  setup(b) {
    b.onResolve({ filter: /wasm-hasher$/ }, (args) => {
      const resolved = path.resolve(args.resolveDir, `${args.path}.ts`);
      if (resolved !== REAL_HASHER || args.importer === SHIM) return undefined;
      return { path: SHIM };
    });
  },
};

async function bundle(entryPoints: Record<string, string>, extra: Omit<BuildOptions, 'entryPoints'> = {}) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints,
    bundle: true,
    format: 'esm',
    target: 'chrome120',
    minify: true,
    write: false,
    outdir: 'out',
    logLevel: 'warning',
    ...extra,
  });
  return result.outputFiles ?? [];
}

export async function serveHashingHarness(): Promise<HarnessServer> {
  const outputs = [...(await bundle(HARNESS_ENTRIES))];
  for (const [name, algorithms] of Object.entries(HASH_WASM_WORKERS)) {
    outputs.push(
      ...(await bundle(
        { [name]: HARNESS_ENTRIES['hash.worker'] as string },
        { plugins: [useHashWasm], define: { HASH_WASM_ALGORITHMS: JSON.stringify(algorithms) } },
      )),
    );
  }
  const files = new Map<string, Uint8Array>([['/', new TextEncoder().encode(INDEX_HTML)]]);
  for (const out of outputs) files.set(`/${path.basename(out.path)}`, out.contents);

  const server = createServer((req, res) => {
    const body = files.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const type = req.url === '/' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
    res.writeHead(200, { 'content-type': type, 'content-length': body.byteLength, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
