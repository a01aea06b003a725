/**
 * With --profile: a cluster whose server runs under the profiling preload (see cpu-profile.ts),
 * profiled during one phase each of single deposits, health checks and batches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BenchCluster, withBenchCluster } from './bench-cluster';
import { type ProfileSummary, profileWhile, summarizeProfile, withProfilingPreload } from './cpu-profile';
import { batchDepositBody, getOk, type HttpClient, postDeposits, singleDepositBody } from './http-client';
import { BATCH_CLIENTS, BATCH_SIZE, SINGLE_CLIENTS } from './measure-deposits';
import type { BenchOptions } from './options';
import { runPhase } from './run-phase';

export function printProfile(title: string, s: ProfileSummary): void {
  console.log(`  CPU profile, ${title}, by area:`);
  for (const a of s.byArea.slice(0, 15)) console.log(`    ${String(a.percent).padStart(5)} %  ${a.area}`);
  console.log('  top functions (self time):');
  for (const f of s.topFunctions.slice(0, 12))
    console.log(`    ${String(f.percent).padStart(5)} %  ${f.fn}  ${f.where}`);
}

/** A third cluster whose server runs under the profiling preload: one profile per load phase. */
export async function profileServer(o: BenchOptions, c: HttpClient) {
  const dir = mkdtempSync(path.join(tmpdir(), 'verity-bench-profile-'));
  try {
    return await withProfilingPreload(dir, () =>
      withBenchCluster(1, async (bc: BenchCluster) => {
        const url = bc.urls[0] as string;
        const pid = bc.groups.server?.[0] as number;
        const phase = { clients: SINGLE_CLIENTS, durationMs: Math.min(o.durationMs, 15_000), groups: bc.groups };
        const deposit = async () => {
          await postDeposits(c, url, bc.cluster.apiKey, singleDepositBody());
          return 1;
        };
        const health = async () => {
          await getOk(c, url, '/api/health');
          return 1;
        };
        const maxRequests = 1_000_000;
        await runPhase({
          ...phase,
          label: 'warm-up',
          durationMs: o.warmupMs,
          warmUp: true,
          maxRequests,
          request: deposit,
        });
        const d = await profileWhile(dir, pid, () =>
          runPhase({ ...phase, label: 'single deposits (profiled)', maxRequests, request: deposit }),
        );
        const h = await profileWhile(dir, pid, () =>
          runPhase({ ...phase, label: 'GET /api/health (profiled)', maxRequests, request: health }),
        );
        const batch = async () => {
          await postDeposits(c, url, bc.cluster.apiKey, batchDepositBody(BATCH_SIZE));
          return BATCH_SIZE;
        };
        const b = await profileWhile(dir, pid, () =>
          runPhase({
            ...phase,
            clients: BATCH_CLIENTS,
            label: 'batches of 1000 (profiled)',
            maxRequests,
            request: batch,
          }),
        );
        const summary = {
          singleDeposits: summarizeProfile(d.file),
          health: summarizeProfile(h.file),
          batches: summarizeProfile(b.file),
        };
        for (const [name, s] of Object.entries(summary)) printProfile(`server, ${name}`, s);
        return {
          note: 'sampling profiler running: throughput here is lower than unprofiled',
          singleDeposits: { ...summary.singleDeposits, phase: d.result },
          health: { ...summary.health, phase: h.result },
          batches: { ...summary.batches, phase: b.result },
        };
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
