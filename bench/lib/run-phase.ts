/**
 * One measured load phase: the closed loop, CPU accounting around it, and a compact result
 * (throughput, latency percentiles, CPU per item for each process group).
 */
import { type ClosedLoopResult, runClosedLoop } from './closed-loop';
import { type CpuGroups, cpuBetween, takeCpuSnapshot, waitForQuiet } from './cpu-accounting';
import { type LatencySummary, round, roundedSummary } from './stats';

export interface PhaseOptions {
  label: string;
  clients: number;
  durationMs: number;
  maxRequests: number;
  thinkMs?: number;
  groups: CpuGroups;
  request: (client: number) => Promise<number>;
  /** Warm-ups skip waiting for a quiet machine. */
  warmUp?: boolean;
  /** Another closed loop instead of `request` from this process (wrk: bench/lib/wrk.ts). */
  runner?: () => Promise<ClosedLoopResult>;
}

/** Other work above this many cores during a phase makes its figures suspect. */
export const NOISY_OTHER_CORES = 0.2;
/** How long a phase waits for other people's work on the machine to finish (benchOptions sets it). */
export const phaseDefaults = { quietWaitMs: 120_000 };

export interface PhaseResult {
  label: string;
  clients: number;
  thinkMs: number;
  requests: number;
  failed: number;
  items: number;
  elapsedSeconds: number;
  itemsPerSecond: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** CPU milliseconds per item (deposit, lookup, health check) for each process group. */
  cpuMsPerItem: Record<string, number>;
  /** Mean cores busy during the phase for each process group. */
  coresBusy: Record<string, number>;
  machineBusyPercent: number;
  /** Cores used by processes that are not part of the benchmark; above NOISY_OTHER_CORES the phase is flagged. */
  otherCores: number;
  noisy: boolean;
  errors: Record<string, number>;
}

export async function runPhase(options: PhaseOptions): Promise<PhaseResult> {
  if (!options.warmUp) await waitForQuiet(options.groups, phaseDefaults.quietWaitMs);
  const before = takeCpuSnapshot();
  const run = options.runner
    ? await options.runner()
    : await runClosedLoop({
        concurrency: options.clients,
        maxRequests: options.maxRequests,
        durationMs: options.durationMs,
        thinkMs: options.thinkMs,
        request: options.request,
      });
  const usage = cpuBetween(before, takeCpuSnapshot(), options.groups);
  const seconds = run.elapsedMs / 1000;
  const ok = run.requests - run.failed;
  const per = (cpu: number) => (run.items > 0 ? round((cpu * 1000) / run.items, 3) : Number.NaN);
  const result: PhaseResult = {
    label: options.label,
    clients: options.clients,
    thinkMs: options.thinkMs ?? 0,
    requests: run.requests,
    failed: run.failed,
    items: run.items,
    elapsedSeconds: round(seconds, 2),
    itemsPerSecond: round(run.items / seconds, 1),
    requestsPerSecond: round(ok / seconds, 1),
    latency: roundedSummary(run.latenciesMs),
    cpuMsPerItem: Object.fromEntries(Object.entries(usage.seconds).map(([k, v]) => [k, per(v)])),
    coresBusy: Object.fromEntries(Object.entries(usage.seconds).map(([k, v]) => [k, round(v / seconds, 2)])),
    machineBusyPercent: round((100 * usage.busySeconds) / usage.capacitySeconds, 1),
    otherCores: round((usage.seconds.other ?? 0) / seconds, 2),
    noisy: (usage.seconds.other ?? 0) / seconds > NOISY_OTHER_CORES,
    errors: run.errors,
  };
  const l = result.latency;
  console.log(
    `  ${options.label}: ${result.itemsPerSecond}/s, p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, ${run.failed} failed; ` +
      `CPU ms/item ${JSON.stringify(result.cpuMsPerItem)}; machine ${result.machineBusyPercent}% busy`,
  );
  if (run.failed > 0) console.log(`  errors: ${JSON.stringify(run.errors)}`);
  if (result.noisy && !options.warmUp) {
    console.log(`  WARNING: other processes used ${result.otherCores} cores during this phase: figures are suspect`);
  }
  return result;
}
