/**
 * Lookups by digest (GET /api/v1/deposits?sha256=) from 200 concurrent readers on a big log,
 * against two references with the same readers: GET /api/health (the framework's ceiling) and
 * the raw PostgreSQL query by digest through a pg pool the size of the server's (10).
 *
 * Closed loop (each reader asks again as soon as it is answered) measures saturation, where
 * latency is readers ÷ throughput by Little's law; a paced run (each reader pauses between
 * requests, offering about half the saturated rate) measures latency below saturation.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { measureBareHttp } from './bare-http-server';
import type { BenchCluster } from './bench-cluster';
import { getOk, type HttpClient } from './http-client';
import type { BenchOptions } from './options';
import { type PhaseResult, runPhase } from './run-phase';
import { runWrk, type WrkOptions } from './wrk';

export const READERS = 200;
/** The server's own pg pool size (lib/db/pool.ts). */
const REFERENCE_POOL = 10;

export interface LookupMeasurements {
  leaves: number;
  /**
   * `bare`: a bare node:http server answering a constant, loaded the same way: the floor under
   * any HTTP server's latency with this many readers on this machine.
   */
  closed: { lookups: PhaseResult; health: PhaseResult; rawQuery: PhaseResult; bare: PhaseResult };
  /** Each reader pausing between requests so that together they offer a quarter, then half, of the closed-loop rate. */
  paced: Array<{ share: number; thinkMs: number; lookups: PhaseResult; rawQuery: PhaseResult }>;
}

export async function measureLookups(
  bc: BenchCluster,
  options: BenchOptions,
  client: HttpClient,
  digests: readonly string[],
  leaves: number,
): Promise<LookupMeasurements> {
  const url = bc.urls[0] as string;
  const digest = () => digests[randomInt(0, digests.length)] as string;
  const lookup = async () => {
    const d = digest();
    const text = await getOk(client, url, `/api/v1/deposits?sha256=${d}`);
    // The answer must be the deposit asked for, sealed (a fast wrong answer is no answer).
    if (!text.includes(d) || !text.includes('"status":"sealed"')) throw new Error('lookup did not return the deposit');
    return 1;
  };
  const health = async () => {
    await getOk(client, url, '/api/health');
    return 1;
  };
  const pool = new pg.Pool({ connectionString: bc.cluster.databaseUrl, max: REFERENCE_POOL });
  const raw = async () => {
    const { rows } = await pool.query('SELECT id FROM deposits WHERE sha256 = $1 ORDER BY deposited_at, id LIMIT 100', [
      Buffer.from(digest(), 'hex'),
    ]);
    if (rows.length === 0) throw new Error('raw query found nothing');
    return 1;
  };
  const bound = Math.ceil((50_000 * options.durationMs) / 1000);
  // With wrk, the lookup phases run in it, paced ones too (wrk's delay(): the load generator's own
  // pauses then never add to a lookup's latency); the raw-query reference stays in this process.
  const folder = mkdtempSync(path.join(tmpdir(), 'verity-bench-digests-'));
  const digestsFile = path.join(folder, 'digests.txt');
  writeFileSync(digestsFile, `${digests.join('\n')}\n`);
  const viaWrk = (mode: WrkOptions['mode'], thinkMs?: number) =>
    options.load === 'wrk'
      ? () => runWrk({ urls: [url], connections: READERS, durationMs: options.durationMs, mode, thinkMs })
      : undefined;
  const phase = { clients: READERS, durationMs: options.durationMs, maxRequests: bound, groups: bc.groups };
  try {
    console.log(`lookups by digest on a log of ${leaves} leaves, ${READERS} readers…`);
    await runPhase({ ...phase, label: 'warm-up lookups', durationMs: options.warmupMs, warmUp: true, request: lookup });
    await runPhase({ ...phase, label: 'warm-up raw', durationMs: options.warmupMs, warmUp: true, request: raw });
    const lookups = await runPhase({
      ...phase,
      label: `GET ?sha256=, ${READERS} readers, closed loop`,
      request: lookup,
      runner: viaWrk({ lookup: { digestsFile } }),
    });
    const healthPhase = await runPhase({
      ...phase,
      label: `GET /api/health, ${READERS} readers`,
      request: health,
      runner: viaWrk({ get: { path: '/api/health' } }),
    });
    const rawQuery = await runPhase({
      ...phase,
      label: `raw SELECT by sha256, ${READERS} callers, pool of ${REFERENCE_POOL}`,
      request: raw,
    });
    const bare = await measureBareHttp(options, client, { clients: READERS, viaWrk: true });
    const paced: LookupMeasurements['paced'] = [];
    for (const share of [0.25, 0.5]) {
      const thinkMs = Math.max(1, Math.round((READERS / Math.max(1, lookups.requestsPerSecond * share)) * 1000));
      const at = `${READERS} readers pausing ${thinkMs} ms (${share * 100} % of the closed-loop rate)`;
      const pacedLookups = await runPhase({
        ...phase,
        thinkMs,
        label: `GET ?sha256=, ${at}`,
        request: lookup,
        runner: viaWrk({ lookup: { digestsFile } }, thinkMs),
      });
      const pacedRaw = await runPhase({ ...phase, thinkMs, label: `raw SELECT by sha256, ${at}`, request: raw });
      paced.push({ share, thinkMs, lookups: pacedLookups, rawQuery: pacedRaw });
    }
    return {
      leaves,
      closed: { lookups, health: healthPhase, rawQuery, bare },
      paced,
    };
  } finally {
    await pool.end();
    rmSync(folder, { recursive: true, force: true });
  }
}
