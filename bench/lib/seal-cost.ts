/**
 * The sequencer's transaction on its own: `sealBatch` called back to back from this process
 * with batches of a given size (as the sequencer would pass them), timing each call and the
 * Node CPU it used. Shows the fixed cost per seal and the cost per deposit, without HTTP.
 */
import { performance } from 'node:perf_hooks';
import { profileInProcess, summarizeProfile } from './cpu-profile';
import type { InProcessLedger } from './in-process-ledger';
import { round } from './stats';

export interface SealCost {
  batch: number;
  seals: number;
  msPerSealMedian: number;
  msPerSealMean: number;
  /** Node CPU (this process: building the tree, signing, proofs, encoding) per seal. */
  nodeCpuMsPerSeal: number;
  /** If seals ran back to back with this batch size. */
  depositsPerSecond: number;
}

export async function measureSealCost(
  ledger: InProcessLedger,
  sizes: readonly number[],
  budgetMs: number,
): Promise<SealCost[]> {
  const out: SealCost[] = [];
  let state: Awaited<ReturnType<InProcessLedger['sealBatch']>>['state'] | undefined;
  for (const batch of sizes) {
    const times: number[] = [];
    let cpu = 0;
    const t0 = performance.now();
    // At least 3 seals, at most 200, and about `budgetMs` per size.
    while (times.length < 200 && (times.length < 3 || performance.now() - t0 < budgetMs)) {
      const deposits = Array.from({ length: batch }, () => ledger.deposit());
      const c0 = process.cpuUsage();
      const start = performance.now();
      const result = await ledger.sealBatch(deposits, state);
      times.push(performance.now() - start);
      const c = process.cpuUsage(c0);
      cpu += (c.user + c.system) / 1000;
      state = result.state;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    out.push({
      batch,
      seals: times.length,
      msPerSealMedian: round(median, 2),
      msPerSealMean: round(mean, 2),
      nodeCpuMsPerSeal: round(cpu / times.length, 2),
      depositsPerSecond: round((batch / mean) * 1000, 0),
    });
    const last = out.at(-1);
    console.log(`  sealBatch(${batch}): ${JSON.stringify(last)}`);
  }
  return out;
}

/** CPU profile of this process while it seals `seals` batches of `batch` (deposits made beforehand). */
export async function profileSeals(ledger: InProcessLedger, batch: number, seals: number) {
  const batches = Array.from({ length: seals }, () => Array.from({ length: batch }, () => ledger.deposit()));
  const { profile } = await profileInProcess(async () => {
    let state: Awaited<ReturnType<InProcessLedger['sealBatch']>>['state'] | undefined;
    for (const deposits of batches) state = (await ledger.sealBatch(deposits, state)).state;
  });
  return summarizeProfile(profile);
}
