/**
 * /verify first-load JavaScript (issue #4): the gzip size of every script the page loads on a
 * first visit, measured the way a visitor meets it — the production build served by `next start`
 * (scripts/e2e-server.ts: embedded PostgreSQL, demo data), loaded in headless Chromium with an
 * empty cache, every `script` response summed until the page is idle and its own ledger check has
 * finished (that check's code is imported dynamically but without any user action, so it counts).
 *
 *   npm run bench:first-load            (VERITY_E2E_DIST_DIR picks the build folder, default .next-e2e)
 *
 * Each body is gzipped here at level 6 (what `next start`'s compression sends) so the figure does
 * not depend on the server's encoding; the bytes on the wire are recorded beside it. Scripts the
 * HTML names are "initial"; the rest were imported later. The scripts a first file choice adds
 * (the hashing worker) are listed too, outside the total.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Response } from '@playwright/test';
import { chromiumLaunch } from '../playwright.config';
import { machineInfo } from './lib/machine';
import { type BenchReport, type Figure, printTable, RESULTS_DIR } from './lib/report';

const GOAL_BYTES = 200 * 1000;
const KiB = 1024;

parseArgs({ options: {} }); // no options: refuse unknown ones
const distDir = process.env.VERITY_E2E_DIST_DIR ?? '.next-e2e';
const command = `npm run bench:first-load${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

interface ScriptLoad {
  path: string;
  bytes: number;
  gzipBytes: number;
  /** Body bytes on the wire (after the server's content-encoding). */
  transferBytes: number;
  encoding: string;
  initial: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  // node itself (not npx) so the SIGTERM below reaches the script, which stops Next.js and PostgreSQL.
  const server = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/e2e-server.ts'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, E2E_PORT: String(port), VERITY_E2E_DIST_DIR: distDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) before it answered`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.kill('SIGTERM');
      throw new Error('the server did not answer /api/health within 5 minutes');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * A script response's sizes. Chromium does not hand out the bodies of a worker's own requests, nor
 * their sizes reliably: those bodies are fetched again here and marked so.
 */
async function scriptLoad(response: Response, initialPaths: Set<string>): Promise<ScriptLoad> {
  const url = new URL(response.url());
  const encoding = (await response.headerValue('content-encoding')) ?? 'identity';
  let body: Buffer;
  let transferBytes: number;
  try {
    body = await response.body();
    transferBytes = (await response.request().sizes()).responseBodySize;
  } catch {
    body = Buffer.from(await (await fetch(url)).arrayBuffer());
    transferBytes = Number.NaN;
  }
  return {
    path: url.pathname,
    bytes: body.byteLength,
    gzipBytes: gzipSync(body, { level: 6 }).byteLength,
    transferBytes: transferBytes >= 0 ? transferBytes : Number.NaN,
    encoding,
    initial: initialPaths.has(url.pathname),
  };
}

/** One entry per path (a worker's script can be reported twice, by the page and by the worker). */
function unique(loads: ScriptLoad[]): ScriptLoad[] {
  const byPath = new Map<string, ScriptLoad>();
  for (const load of loads) {
    const seen = byPath.get(load.path);
    if (!seen || (Number.isNaN(seen.transferBytes) && !Number.isNaN(load.transferBytes))) byPath.set(load.path, load);
  }
  return [...byPath.values()];
}

const sum = (loads: ScriptLoad[], key: 'bytes' | 'gzipBytes' | 'transferBytes') =>
  loads.reduce((total, load) => total + (Number.isNaN(load[key]) ? 0 : load[key]), 0);

const startedAt = new Date().toISOString();
const machine = machineInfo();
const port = await freePort();
console.log(`starting the production build (${distDir}) on port ${port}…`);
const server = await startServer(port);
process.once('exit', () => server.kill('SIGTERM')); // also when this script fails
const failures: string[] = [];
let firstVisit: ScriptLoad[] = [];
let afterFileChoice: ScriptLoad[] = [];
let chromiumVersion = 'unknown';
const dir = mkdtempSync(path.join(tmpdir(), 'verity-first-load-'));
try {
  const browser = await chromium.launch({ ...chromiumLaunch, headless: true });
  chromiumVersion = browser.version();
  try {
    const context = await browser.newContext(); // a fresh profile: nothing cached
    const page = await context.newPage();
    const pending: Array<Promise<ScriptLoad | undefined>> = [];
    let initialPaths = new Set<string>();
    // On the context, so scripts fetched by workers are seen too; a worker's own script is
    // requested with resource type "other", hence the extension test.
    context.on('response', (response) => {
      const isScript =
        response.request().resourceType() === 'script' || new URL(response.url()).pathname.endsWith('.js');
      if (!isScript) return;
      pending.push(
        scriptLoad(response, initialPaths).catch((error: unknown) => {
          failures.push(`${response.url()}: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        }),
      );
    });
    const collect = async () => unique((await Promise.all(pending.splice(0))).filter((l) => l !== undefined));

    const html = await page.goto(`http://127.0.0.1:${port}/verify`, { waitUntil: 'commit' });
    if (!html?.ok()) throw new Error(`/verify answered ${html?.status()}`);
    const text = await html.text();
    initialPaths = new Set(
      [...text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => new URL(m[1] ?? '', html.url()).pathname),
    );
    await page.waitForLoadState('networkidle');
    await page
      .locator('[data-ledger]:not([data-ledger="checking"])')
      .first()
      .waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    firstVisit = await collect();
    // Responses seen before the HTML was parsed were classified early; classify again.
    for (const load of firstVisit) load.initial = initialPaths.has(load.path);

    const small = path.join(dir, 'small.txt');
    writeFileSync(small, 'first-load benchmark\n');
    await page.locator('#verify-files').setInputFiles(small);
    await page.locator('[data-hash-state="done"]').first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    afterFileChoice = await collect();
    context.removeAllListeners('response');
  } finally {
    await browser.close();
  }
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}

const initial = firstVisit.filter((l) => l.initial);
const later = firstVisit.filter((l) => !l.initial);
const total = sum(firstVisit, 'gzipBytes');
const section = '/verify, first visit, empty cache (production build)';
const figures: Figure[] = [
  {
    section,
    metric: `all scripts, gzip (${firstVisit.length} files)`,
    value: Math.round((total / KiB) * 10) / 10,
    unit: 'KiB',
    goal: { op: '<=', value: Math.round((GOAL_BYTES / KiB) * 10) / 10 },
  },
  {
    section,
    metric: `scripts named in the HTML, gzip (${initial.length} files)`,
    value: Math.round((sum(initial, 'gzipBytes') / KiB) * 10) / 10,
    unit: 'KiB',
  },
  {
    section,
    metric: `scripts imported after load, gzip (${later.length} files)`,
    value: Math.round((sum(later, 'gzipBytes') / KiB) * 10) / 10,
    unit: 'KiB',
  },
  {
    section,
    metric: 'all scripts, bytes on the wire',
    value: Math.round((sum(firstVisit, 'transferBytes') / KiB) * 10) / 10,
    unit: 'KiB',
  },
  {
    section,
    metric: 'all scripts, uncompressed',
    value: Math.round((sum(firstVisit, 'bytes') / KiB) * 10) / 10,
    unit: 'KiB',
  },
  {
    section: '/verify, added by choosing a first file (not in the total)',
    metric: `scripts and workers, gzip (${afterFileChoice.length} files)`,
    value: Math.round((sum(afterFileChoice, 'gzipBytes') / KiB) * 10) / 10,
    unit: 'KiB',
  },
];

const report: BenchReport & { machine: { chromium: string } } = {
  name: 'first-load-js',
  command,
  quick: false,
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: { ...machine, postgres: 'none measured', chromium: chromiumVersion },
  figures,
  details: {
    failures,
    distDir,
    goal: `<= ${GOAL_BYTES} bytes gzip (200 KB)`,
    totalGzipBytes: total,
    firstVisit: firstVisit.sort((a, b) => b.gzipBytes - a.gzipBytes),
    afterFileChoice,
  },
};
printTable(figures);
for (const load of firstVisit) {
  console.log(
    `  ${load.initial ? 'initial' : 'later  '} ${(load.gzipBytes / KiB).toFixed(1).padStart(6)} KiB gzip  ${(load.bytes / KiB).toFixed(1).padStart(6)} KiB  ${load.path}`,
  );
}
console.log(
  `total ${total} bytes gzip = ${(total / KiB).toFixed(1)} KiB = ${(total / 1000).toFixed(1)} kB (goal <= 200 kB)`,
);
mkdirSync(RESULTS_DIR, { recursive: true });
const stamp = startedAt.replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
const out = path.join(RESULTS_DIR, `first-load-js-${stamp}.json`);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`results: ${path.relative(process.cwd(), out)}`);
if (failures.length > 0) {
  console.error(`FAILURES: ${failures.join('; ')}`);
  process.exitCode = 1;
}
