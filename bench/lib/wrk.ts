/**
 * wrk (a C load generator, Debian package `wrk`) as the closed loop for the many-client
 * phases: at a few thousand requests per second the Node.js client costs about a third of a
 * core per thousand requests on the same two cores as the servers, while wrk costs a few
 * percent. `wrk-deposits.lua` sends single deposits or batches (fresh random digests) or GETs,
 * and reports wrk's latency distribution in 0.1 % steps; with several servers one wrk runs
 * per server and the distributions are pooled, weighted by requests.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import type { ClosedLoopResult } from './closed-loop';

const SCRIPT = path.join(import.meta.dirname, 'wrk-deposits.lua');

export function wrkAvailable(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version prints its version and exits 1.
    return (error as { status?: number }).status === 1;
  }
}

export interface WrkOptions {
  urls: readonly string[];
  connections: number;
  durationMs: number;
  /**
   * A single deposit per request (with this API key), a batch of `size` deposits (with a `Prefer`
   * header if given), a lookup of a digest from a file, or a GET of `path`.
   */
  mode:
    | { deposit: { apiKey: string } }
    | { batch: { apiKey: string; size: number; prefer?: string } }
    | { lookup: { digestsFile: string } }
    | { get: { path: string } };
  /** Each connection pauses a random 0 to 2 × thinkMs (mean thinkMs) before each request: a paced load. */
  thinkMs?: number;
}

interface WrkResult {
  requests: number;
  durationUs: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  quantilesUs: number[];
}

export async function runWrk(options: WrkOptions): Promise<ClosedLoopResult> {
  const perServer = Math.max(1, Math.floor(options.connections / options.urls.length));
  const startedAtMs = performance.now();
  const results = await Promise.all(options.urls.map((url) => runOne(url, perServer, options)));
  const endedAtMs = performance.now();
  const requests = results.reduce((n, r) => n + r.requests, 0);
  const failed = results.reduce((n, r) => n + r.status + r.timeout + r.read + r.write + r.connect, 0);
  // Pool the distributions: each 0.1 % quantile stands for a thousandth of that wrk's requests.
  const latencies: number[] = [];
  for (const r of results) {
    const weight = Math.max(1, Math.round(r.requests / 1000));
    for (const q of r.quantilesUs) for (let i = 0; i < weight; i++) latencies.push(q / 1000);
  }
  const errors: Record<string, number> = {};
  for (const r of results) {
    for (const kind of ['connect', 'read', 'write', 'status', 'timeout'] as const) {
      if (r[kind] > 0) errors[`wrk ${kind} errors`] = (errors[`wrk ${kind} errors`] ?? 0) + r[kind];
    }
  }
  const ok = requests - results.reduce((n, r) => n + r.status + r.timeout, 0);
  const perRequest = 'batch' in options.mode ? options.mode.batch.size : 1;
  const elapsedMs = Math.max(...results.map((r) => r.durationUs / 1000));
  return {
    requests,
    failed,
    items: ok * perRequest,
    elapsedMs,
    latenciesMs: Float64Array.from(latencies),
    errors,
    startedAtMs,
    endedAtMs,
  };
}

function modeEnv(mode: WrkOptions['mode']): Record<string, string> {
  if ('deposit' in mode) return { VERITY_WRK_MODE: 'deposit', VERITY_API_KEY: mode.deposit.apiKey };
  if ('batch' in mode) {
    const { apiKey, size, prefer } = mode.batch;
    return {
      VERITY_WRK_MODE: 'batch',
      VERITY_API_KEY: apiKey,
      VERITY_WRK_BATCH: String(size),
      VERITY_WRK_PREFER: prefer ?? '',
    };
  }
  if ('lookup' in mode) return { VERITY_WRK_MODE: 'lookup', VERITY_WRK_DIGESTS: mode.lookup.digestsFile };
  return { VERITY_WRK_MODE: 'get', VERITY_WRK_PATH: mode.get.path };
}

function runOne(url: string, connections: number, options: WrkOptions): Promise<WrkResult> {
  const host = new URL(url);
  if (host.hostname !== '127.0.0.1') throw new Error(`benchmarks only address 127.0.0.1, not ${host.host}`);
  const env = { ...process.env, ...modeEnv(options.mode), VERITY_WRK_THINK_MS: String(options.thinkMs ?? 0) };
  const threads = Math.min(2, connections);
  const args = [
    `-t${threads}`,
    `-c${connections}`,
    `-d${Math.max(1, Math.round(options.durationMs / 1000))}s`,
    '--timeout',
    '30s',
    '-s',
    SCRIPT,
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('WRK-RESULT '));
      if (code !== 0 || !line) {
        reject(new Error(`wrk exited with ${code}: ${out.slice(0, 400)}`));
        return;
      }
      resolve(JSON.parse(line.slice('WRK-RESULT '.length)) as WrkResult);
    });
  });
}
