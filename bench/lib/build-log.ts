/**
 * Grows a cluster's log to a given size fast, by calling sealBatch directly with deposits
 * made in this process (see in-process-ledger.ts) in batches of 1000, and keeps a sample of what it
 * deposited (ids and SHA-256 digests) for the read benchmarks.
 */
import { performance } from 'node:perf_hooks';
import type { InProcessLedger } from './in-process-ledger';
import { round } from './stats';

/** 1000 is the API's batch limit, and sealBatch's fastest size per deposit here. */
const BUILD_BATCH = 1000;
const SAMPLE_SIZE = 20_000;
/** A bound on the build loop's time as well as its count (1M leaves take 2–3 minutes here). */
const BUILD_LIMIT_MS = 30 * 60_000;

export interface BuiltLog {
  leaves: number;
  seconds: number;
  depositsPerSecond: number;
  /** Of `seconds`: making the deposits (random digest, statement leaf, leaf hash) in this process. */
  generateSeconds: number;
  seals: number;
  sample: { ids: string[]; sha256: string[] };
}

export async function buildLog(ledger: InProcessLedger, target: number): Promise<BuiltLog> {
  const { rows } = await ledger.pool.query<{ s: string | null }>('SELECT max(tree_size)::text AS s FROM checkpoints');
  let size = Number(rows[0]?.s ?? 0);
  const start = size;
  const every = Math.max(1, Math.floor((target - size) / SAMPLE_SIZE));
  const sample = { ids: [] as string[], sha256: [] as string[] };
  let state: Awaited<ReturnType<InProcessLedger['sealBatch']>>['state'] | undefined;
  let generateMs = 0;
  let seals = 0;
  let lastReport = performance.now();
  const t0 = performance.now();
  console.log(`building the log from ${size} to ${target} leaves with sealBatch…`);
  while (size < target) {
    if (performance.now() - t0 > BUILD_LIMIT_MS) {
      throw new Error(`building the log stopped after ${BUILD_LIMIT_MS / 60_000} minutes at ${size} leaves`);
    }
    const g0 = performance.now();
    const deposits = Array.from({ length: Math.min(BUILD_BATCH, target - size) }, () => ledger.deposit());
    generateMs += performance.now() - g0;
    deposits.forEach((d, i) => {
      if ((size + i) % every === 0 && d.sha256) {
        sample.ids.push(d.id);
        sample.sha256.push(Buffer.from(d.sha256).toString('hex'));
      }
    });
    state = (await ledger.sealBatch(deposits, state)).state;
    size += deposits.length;
    seals++;
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const rate = (size - start) / ((lastReport - t0) / 1000);
      console.log(`  ${size} leaves, ${Math.round(rate)} deposits/s`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const built = {
    leaves: size,
    seconds: round(seconds, 1),
    depositsPerSecond: round((size - start) / seconds, 0),
    generateSeconds: round(generateMs / 1000, 1),
    seals,
    sample,
  };
  console.log(`  built ${size} leaves in ${built.seconds} s (${built.depositsPerSecond} deposits/s)`);
  return built;
}
