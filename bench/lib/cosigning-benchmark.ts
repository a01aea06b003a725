/**
 * What witnessing costs the log (issue #18), on the portal as `npm start` runs it:
 *
 * - single deposits/s, 256 clients, one server, without witnesses and with the three demo
 *   witnesses (separate processes, quorum 2, scripts/lib/demo-witnesses.ts): goal ≥ 0.9×.
 *   Each configuration on a fresh cluster, alternated (without, with, without, with…) so that a
 *   drift of the machine shows rather than favouring one side; the figures are the medians.
 *   With witnesses, the time the cosigner needs after the load to cover the last deposit.
 * - at 1,000 deposits/s (open loop: one deposit sent every millisecond whatever the answers), the
 *   time from each deposit's 201 to the first quorum-cosigned checkpoint covering it that
 *   `GET /api/v1/log/checkpoint` serves (polled back to back, one request at a time; a
 *   deposit counts as covered at the moment the poll that first shows it is answered, so the
 *   figure errs on the long side by up to one poll). Goal: p99 ≤ 1 s. Reference: the deposits'
 *   own request → 201 (sealed) latency in the same phase.
 */
import { performance } from 'node:perf_hooks';
import { checkCosignatures } from '@/lib/tlog';
import { type BenchCluster, withBenchCluster } from './bench-cluster';
import { cpuBetween, takeCpuSnapshot, waitForQuiet } from './cpu-accounting';
import { getOk, type HttpClient, postDeposits, singleDepositBody } from './http-client';
import { SINGLE_CLIENTS } from './measure-deposits';
import type { BenchOptions } from './options';
import { type PhaseResult, phaseDefaults, runPhase } from './run-phase';
import { treeSize } from './seal-batches';
import { type LatencySummary, round, roundedSummary } from './stats';
import { runWrk } from './wrk';

export interface ThroughputRun {
  witnessed: boolean;
  single: PhaseResult;
  /** With witnesses: ms from the end of the load until the served checkpoint covered every deposit. */
  catchUpMs?: number;
}

export interface CoveredLatency {
  rate: number;
  sent: number;
  answered: number;
  failed: number;
  errors: Record<string, number>;
  /** Deposits per second actually answered 201 (the open loop's achieved rate). */
  achievedPerSecond: number;
  /** Request → 201 (sealed), the reference. */
  sealed: LatencySummary;
  /** 201 → a quorum-cosigned checkpoint covering the deposit, as served. */
  witnessed: LatencySummary;
  /** Deposits never covered within the wait after the load (counted as failures). */
  uncovered: number;
  /** Checkpoints the poller saw grow, and its polls. */
  servedCheckpoints: number;
  polls: number;
  pollLatency: LatencySummary;
  /** The last served checkpoint's cosignatures, checked against the witnesses' keys. */
  lastCheckpoint: { size: number; cosigned: string[]; quorum: number; satisfied: boolean };
  coresBusy: Record<string, number>;
  otherCores: number;
}

export interface CosigningMeasurements {
  runs: ThroughputRun[];
  covered: CoveredLatency | undefined;
  failures: string[];
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function servedSize(note: string): number {
  return Number(note.split('\n')[1]);
}

/** The witnesses' verifier keys and quorum, as the portal publishes them. */
async function publishedPolicy(client: HttpClient, url: string): Promise<{ keys: string[]; quorum: number }> {
  const published = JSON.parse(await getOk(client, url, '/api/v1/log/witnesses')) as {
    policy: { quorum: number };
    witnesses: Array<{ verifierKey: string }>;
  };
  return { keys: published.witnesses.map((w) => w.verifierKey), quorum: published.policy.quorum };
}

/** Polls the served checkpoint until it covers `size` leaves; the ms it took, or undefined after `limitMs`. */
async function waitUntilServed(client: HttpClient, url: string, size: number, limitMs: number) {
  const t0 = performance.now();
  while (performance.now() - t0 < limitMs) {
    if (servedSize(await getOk(client, url, '/api/v1/log/checkpoint')) >= size) return round(performance.now() - t0, 1);
    await pause(5);
  }
  return undefined;
}

async function measureThroughput(
  bc: BenchCluster,
  options: BenchOptions,
  client: HttpClient,
  witnessed: boolean,
): Promise<ThroughputRun> {
  const url = bc.urls[0] as string;
  const apiKey = bc.cluster.apiKey;
  const single = async () => {
    await postDeposits(client, url, apiKey, singleDepositBody());
    return 1;
  };
  const where = witnessed ? 'three witnesses, quorum 2' : 'no witnesses';
  const wrk = (durationMs: number) =>
    options.load === 'wrk'
      ? () => runWrk({ urls: bc.urls, connections: SINGLE_CLIENTS, durationMs, mode: { deposit: { apiKey } } })
      : undefined;
  await runPhase({
    label: `warm-up single, ${where}`,
    clients: SINGLE_CLIENTS,
    durationMs: options.warmupMs,
    maxRequests: Math.ceil(options.warmupMs * 20),
    groups: bc.groups,
    request: single,
    warmUp: true,
    runner: wrk(options.warmupMs),
  });
  const result = await runPhase({
    label: `single deposits, 1 server, ${SINGLE_CLIENTS} clients, ${where}`,
    clients: SINGLE_CLIENTS,
    durationMs: options.durationMs,
    maxRequests: Math.ceil(options.durationMs * 20),
    groups: bc.groups,
    request: single,
    runner: wrk(options.durationMs),
  });
  if (!witnessed) return { witnessed, single: result };
  const size = await treeSize(bc.cluster.databaseUrl);
  const catchUpMs = await waitUntilServed(client, url, size, 60_000);
  console.log(
    `  the served (cosigned) checkpoint covered all ${size} deposits ${catchUpMs ?? '> 60000'} ms after the load`,
  );
  return { witnessed, single: result, ...(catchUpMs === undefined ? {} : { catchUpMs }) };
}

async function measureCoveredLatency(
  bc: BenchCluster,
  options: BenchOptions,
  client: HttpClient,
  rate: number,
): Promise<CoveredLatency> {
  const url = bc.urls[0] as string;
  const apiKey = bc.cluster.apiKey;
  const policy = await publishedPolicy(client, url);
  await waitForQuiet(bc.groups, phaseDefaults.quietWaitMs);
  console.log(
    `deposits at ${rate}/s (open loop, ${options.durationMs / 1000} s): 201 → quorum-cosigned checkpoint served…`,
  );

  // The poller: one GET at a time, back to back; every growth of the served checkpoint, with when it was seen.
  const seen: Array<{ at: number; size: number }> = [];
  const pollTimes: number[] = [];
  let lastNote = '';
  let polling = true;
  const poller = (async () => {
    let last = -1;
    while (polling) {
      const t = performance.now();
      const note = await getOk(client, url, '/api/v1/log/checkpoint');
      const at = performance.now();
      pollTimes.push(at - t);
      const size = servedSize(note);
      if (size > last) {
        seen.push({ at, size });
        last = size;
        lastNote = note;
      }
      await pause(1);
    }
  })();

  const total = Math.round((rate * options.durationMs) / 1000);
  const sentAt = new Float64Array(total);
  const answeredAt = new Float64Array(total).fill(Number.NaN);
  const leafIndex = new Float64Array(total).fill(Number.NaN);
  const errors: Record<string, number> = {};
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const send = async (i: number) => {
    sentAt[i] = performance.now();
    try {
      const text = await postDeposits(client, url, apiKey, singleDepositBody());
      answeredAt[i] = performance.now();
      leafIndex[i] = (JSON.parse(text) as { leafIndex: number }).leafIndex;
    } catch (error) {
      failed++;
      const key = error instanceof Error ? error.message.slice(0, 160) : String(error);
      errors[key] = (errors[key] ?? 0) + 1;
    }
  };
  const before = takeCpuSnapshot();
  const t0 = performance.now();
  for (let i = 0; i < total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
    while (i < due) inFlight.push(send(i++));
    await pause(1);
  }
  await Promise.all(inFlight);
  const loadSeconds = (performance.now() - t0) / 1000;
  const usage = cpuBetween(before, takeCpuSnapshot(), bc.groups);
  // Let the cosigner finish the last deposits, then stop polling.
  let highest = -1;
  for (const v of leafIndex) if (v > highest) highest = v;
  // Until the poller has seen the last deposit covered (or 30 s), then stop polling.
  const waitStarted = performance.now();
  while ((seen.at(-1)?.size ?? 0) <= highest && performance.now() - waitStarted < 30_000) await pause(5);
  polling = false;
  await poller;

  const sealed: number[] = [];
  const witnessed: number[] = [];
  let uncovered = 0;
  for (let i = 0; i < total; i++) {
    const index = leafIndex[i] as number;
    if (Number.isNaN(index)) continue;
    sealed.push((answeredAt[i] as number) - (sentAt[i] as number));
    const covering = seen.find((s) => s.size > index); // `seen` is in order of time and size
    if (!covering) {
      uncovered++;
      continue;
    }
    // Seen before its own 201 arrived: covered at once (the 201 itself was slow to come back).
    witnessed.push(Math.max(0, covering.at - (answeredAt[i] as number)));
  }
  const check = checkCosignatures(lastNote, { witnesses: policy.keys, quorum: policy.quorum });
  const answered = sealed.length;
  const result: CoveredLatency = {
    rate,
    sent: total,
    answered,
    failed,
    errors,
    achievedPerSecond: round(answered / loadSeconds, 1),
    sealed: roundedSummary(sealed),
    witnessed: roundedSummary(witnessed),
    uncovered,
    servedCheckpoints: seen.length,
    polls: pollTimes.length,
    pollLatency: roundedSummary(pollTimes),
    lastCheckpoint: {
      size: servedSize(lastNote),
      cosigned: check.cosigned.map((c) => c.name),
      quorum: check.quorum,
      satisfied: check.satisfied,
    },
    coresBusy: Object.fromEntries(Object.entries(usage.seconds).map(([k, v]) => [k, round(v / loadSeconds, 2)])),
    otherCores: round((usage.seconds.other ?? 0) / loadSeconds, 2),
  };
  console.log(
    `  ${answered} deposits at ${result.achievedPerSecond}/s, ${failed} failed; 201 → witnessed p50 ${result.witnessed.p50Ms} ms, ` +
      `p99 ${result.witnessed.p99Ms} ms, max ${result.witnessed.maxMs} ms (${uncovered} never covered); ` +
      `request → 201 p99 ${result.sealed.p99Ms} ms; ${seen.length} served checkpoints, ${pollTimes.length} polls; ` +
      `last one cosigned by ${result.lastCheckpoint.cosigned.length} of ${check.witnesses}`,
  );
  return result;
}

export async function measureCosigning(
  options: BenchOptions,
  client: HttpClient,
  settings: { rounds: number; rate: number },
): Promise<CosigningMeasurements> {
  const runs: ThroughputRun[] = [];
  let covered: CoveredLatency | undefined;
  const failures: string[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    for (const witnessed of [false, true]) {
      console.log(`round ${round} of ${settings.rounds}: ${witnessed ? 'with three witnesses' : 'without witnesses'}`);
      await withBenchCluster(
        1,
        async (bc) => {
          if (witnessed) {
            const pids = bc.cluster.witnesses?.witnesses.map((w) => w.pid ?? 0) ?? [];
            bc.groups.witnesses = pids;
          }
          const run = await measureThroughput(bc, options, client, witnessed);
          runs.push(run);
          if (run.single.failed > 0) failures.push(`${run.single.label}: ${run.single.failed} requests failed`);
          if (witnessed && run.catchUpMs === undefined) failures.push('the cosigner did not catch up within 60 s');
          if (witnessed && round === settings.rounds) {
            covered = await measureCoveredLatency(bc, options, client, settings.rate);
            if (covered.failed > 0) failures.push(`${covered.failed} deposits failed at ${settings.rate}/s`);
            if (covered.uncovered > 0)
              failures.push(`${covered.uncovered} deposits never covered by a witnessed checkpoint`);
            if (!covered.lastCheckpoint.satisfied) failures.push('the served checkpoint does not meet the quorum');
          }
        },
        { demoWitnesses: witnessed },
      );
    }
  }
  return { runs, covered, failures };
}
