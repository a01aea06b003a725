/**
 * Deposits over HTTP on one cluster: the framework's ceiling (GET /api/health), single
 * deposits from 256 clients, and batches of 1000, each with the CPU it cost and the batch
 * sizes the sequencer achieved. Clients are spread round-robin over the cluster's servers.
 */
import type { BenchCluster } from './bench-cluster';
import {
  batchDepositBody,
  establishedConnections,
  getOk,
  type HttpClient,
  postDeposits,
  singleDepositBody,
} from './http-client';
import type { BenchOptions } from './options';
import { type PgActivity, perItem, pgActivity } from './pg-activity';
import { type PhaseResult, runPhase } from './run-phase';
import { type SealBatchStats, sealBatchesBetween, treeSize, withClient } from './seal-batches';
import { runWrk, type WrkOptions } from './wrk';

export const SINGLE_CLIENTS = 256;
export const BATCH_CLIENTS = 4;
export const BATCH_SIZE = 1000;
/** Responses kept for checking offline (a sample: the first ones answered). */
const KEEP_SINGLE = 40;
const KEEP_BATCH = 2;

export interface DepositMeasurements {
  servers: number;
  health: PhaseResult;
  single: PhaseResult;
  singleSeals: SealBatchStats;
  /** PostgreSQL's work per deposit (transactions, rows, WAL) in the single-deposit phase. */
  singleDb: PgActivity;
  /** Established client connections after the single-deposit phase (keep-alive check). */
  connections: number;
  batch: PhaseResult;
  batchSeals: SealBatchStats;
  batchDb: PgActivity;
  /** Batches answered with `Prefer: return=minimal` (IDs, leaf indexes, one checkpoint). */
  minimalBatch: PhaseResult;
  minimalBatchSeals: SealBatchStats;
  minimalBatchDb: PgActivity;
  meanLeafBytes: number;
  /** Mean size of a response body: one receipt, a batch of BATCH_SIZE receipts, and its minimal answer. */
  responseBytes: { single: number; batch: number; minimalBatch: number };
  receipts: string[];
}

export async function measureDeposits(
  bc: BenchCluster,
  options: BenchOptions,
  client: HttpClient,
): Promise<DepositMeasurements> {
  const { urls, groups } = bc;
  const apiKey = bc.cluster.apiKey;
  const url = (i: number) => urls[i % urls.length] as string;
  const singles: string[] = [];
  const single = async (c: number) => {
    const text = await postDeposits(client, url(c), apiKey, singleDepositBody());
    if (singles.length < KEEP_SINGLE) singles.push(text);
    return 1;
  };
  const health = async (c: number) => {
    await getOk(client, url(c), '/api/health');
    return 1;
  };
  /** A batch request (with a Prefer header if given) that keeps the first answers in `kept`. */
  const batchRequest =
    (kept: string[], prefer?: string) =>
    async (c: number): Promise<number> => {
      const text = await postDeposits(client, url(c), apiKey, batchDepositBody(BATCH_SIZE), prefer ? { prefer } : {});
      if (kept.length < KEEP_BATCH) kept.push(text);
      return BATCH_SIZE;
    };
  const perSecondBound = (rate: number, ms: number) => Math.ceil((rate * ms) / 1000);
  // With wrk, it runs the many-client phases; this process keeps a sample of receipts afterwards.
  const wrk = (mode: WrkOptions['mode'], durationMs: number, connections = SINGLE_CLIENTS) =>
    options.load === 'wrk' ? () => runWrk({ urls, connections, durationMs, mode }) : undefined;
  const healthMode = { get: { path: '/api/health' } };
  const depositMode = { deposit: { apiKey } };
  const where = `${urls.length} server${urls.length > 1 ? 's' : ''}`;

  console.log(`warming up (${options.warmupMs / 1000} s each: health, single deposits, batches)…`);
  const warm = { durationMs: options.warmupMs, groups, clients: SINGLE_CLIENTS, warmUp: true };
  await runPhase({
    ...warm,
    label: 'warm-up health',
    maxRequests: perSecondBound(20_000, warm.durationMs),
    request: health,
    runner: wrk(healthMode, warm.durationMs),
  });
  await runPhase({
    ...warm,
    label: 'warm-up single',
    maxRequests: perSecondBound(20_000, warm.durationMs),
    request: single,
    runner: wrk(depositMode, warm.durationMs),
  });
  await runPhase({
    ...warm,
    clients: BATCH_CLIENTS,
    label: 'warm-up batches',
    maxRequests: 20,
    request: batchRequest([]),
  });

  console.log(`measuring on ${where} (${options.durationMs / 1000} s each)…`);
  const healthResult = await runPhase({
    label: `GET /api/health, ${where}, ${SINGLE_CLIENTS} clients`,
    clients: SINGLE_CLIENTS,
    durationMs: options.durationMs,
    maxRequests: perSecondBound(50_000, options.durationMs),
    groups,
    request: health,
    runner: wrk(healthMode, options.durationMs),
  });

  // PostgreSQL backends publish their statistics when idle, within about 10 s: let them settle.
  const db = bc.cluster.databaseUrl;
  const settled = async () => {
    if (!options.quick) await new Promise((r) => setTimeout(r, 11_000));
    return pgActivity(db);
  };
  const before = await treeSize(bc.cluster.databaseUrl);
  const dbBefore = await settled();
  const singleResult = await runPhase({
    label: `single deposits, ${where}, ${SINGLE_CLIENTS} clients`,
    clients: SINGLE_CLIENTS,
    durationMs: options.durationMs,
    maxRequests: perSecondBound(20_000, options.durationMs),
    groups,
    request: single,
    runner: wrk(depositMode, options.durationMs),
  });
  const connections = urls.reduce((n, u) => n + establishedConnections(u), 0);
  // wrk does not keep bodies: a sample of receipts from this process, to verify offline.
  for (let i = 0; singles.length < KEEP_SINGLE && i < KEEP_SINGLE; i++) await single(i);
  const afterSingle = await treeSize(bc.cluster.databaseUrl);
  const dbAfterSingle = await settled();
  const singleDb = perItem(dbBefore, dbAfterSingle, singleResult.items);
  console.log(`  PostgreSQL per deposit: ${JSON.stringify(singleDb)}`);
  const singleSeals = await sealBatchesBetween(bc.cluster.databaseUrl, before, afterSingle);
  console.log(`  sequencer batches: ${JSON.stringify(singleSeals)}`);

  /** One phase of batches: the load, a sample of answers, PostgreSQL's work and the seals it took. */
  const batchPhase = async (from: { size: number; db: PgActivity }, prefer?: string) => {
    const answers: string[] = [];
    const request = batchRequest(answers, prefer);
    const result = await runPhase({
      label: `batches of ${BATCH_SIZE}${prefer ? `, Prefer: ${prefer}` : ''}, ${where}, ${BATCH_CLIENTS} clients`,
      clients: BATCH_CLIENTS,
      durationMs: options.durationMs,
      maxRequests: perSecondBound(200, options.durationMs),
      groups,
      request,
      runner: wrk({ batch: { apiKey, size: BATCH_SIZE, prefer } }, options.durationMs, BATCH_CLIENTS),
    });
    for (let i = 0; answers.length < KEEP_BATCH && i < KEEP_BATCH; i++) await request(i);
    const to = { size: await treeSize(bc.cluster.databaseUrl), db: await settled() };
    const perDeposit = perItem(from.db, to.db, result.items);
    console.log(`  PostgreSQL per deposit: ${JSON.stringify(perDeposit)}`);
    const seals = await sealBatchesBetween(bc.cluster.databaseUrl, from.size, to.size);
    console.log(`  sequencer batches: ${JSON.stringify(seals)}`);
    return { result, seals, perDeposit, answers, to };
  };
  const full = await batchPhase({ size: afterSingle, db: dbAfterSingle });
  const minimal = await batchPhase(full.to, 'return=minimal');
  // The full receipts of deposits answered minimally, fetched by ID, join the sample verified offline.
  const minimalReceipts = await fullReceiptsOf(client, url(0), minimal.answers, 10);

  const meanLeafBytes = await withClient(bc.cluster.databaseUrl, async (c) => {
    const { rows } = await c.query<{ n: string }>('SELECT round(avg(octet_length(leaf)))::text AS n FROM deposits');
    return Number(rows[0]?.n ?? 0);
  });
  return {
    servers: urls.length,
    health: healthResult,
    single: singleResult,
    singleSeals,
    singleDb,
    connections,
    batch: full.result,
    batchSeals: full.seals,
    batchDb: full.perDeposit,
    minimalBatch: minimal.result,
    minimalBatchSeals: minimal.seals,
    minimalBatchDb: minimal.perDeposit,
    meanLeafBytes,
    responseBytes: {
      single: meanBytes(singles),
      batch: meanBytes(full.answers),
      minimalBatch: meanBytes(minimal.answers),
    },
    receipts: [...singles, ...full.answers, ...minimalReceipts],
  };
}

/** GET /api/v1/deposits/{id} for the first `count` deposits of each minimal answer. */
async function fullReceiptsOf(client: HttpClient, baseUrl: string, answers: string[], count: number) {
  const ids = answers.flatMap((text) =>
    (JSON.parse(text) as { deposits: { id: string }[] }).deposits.slice(0, count).map((d) => d.id),
  );
  const out: string[] = [];
  for (const id of ids) out.push(await getOk(client, baseUrl, `/api/v1/deposits/${id}`));
  return out;
}

function meanBytes(texts: readonly string[]): number {
  if (texts.length === 0) return 0;
  return Math.round(texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / texts.length);
}
