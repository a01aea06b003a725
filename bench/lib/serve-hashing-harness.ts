/**
 * Serves the browser-hashing harness on 127.0.0.1: `hashing-harness-page.ts` and lib/hashing's
 * real `hash.worker.ts`, each bundled by esbuild (the worker as an ES module, as Next.js emits
 * it for `new Worker(new URL(…), { type: 'module' })`), plus a page with a file input.
 * Everything is served from memory; nothing is written to the checkout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Output name (served as `/<name>.js`) → source file, relative to the project root. */
export const HARNESS_ENTRIES: Record<string, string> = {
  page: 'bench/lib/hashing-harness-page.ts',
  'hash.worker': 'lib/hashing/hash.worker.ts',
  'experiment.worker': 'bench/lib/hashing-experiment.worker.ts',
};

const INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hashing harness</title></head>
<body><input type="file" id="file"><script type="module" src="/page.js"></script></body></html>`;

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

export async function serveHashingHarness(): Promise<HarnessServer> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(HARNESS_ENTRIES).map(([name, file]) => [name, file])),
    bundle: true,
    format: 'esm',
    target: 'chrome120',
    minify: true,
    write: false,
    outdir: 'out',
    logLevel: 'warning',
  });
  const files = new Map<string, Uint8Array>([['/', new TextEncoder().encode(INDEX_HTML)]]);
  for (const out of result.outputFiles) files.set(`/${path.basename(out.path)}`, out.contents);

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
