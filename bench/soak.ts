/**
 * The mixed soak at length (issue #21, "Faults to survive"): test/soak/mixed-soak.testing.ts —
 * deposits, lookups, uploads, page views and certificate downloads against two servers on one
 * embedded PostgreSQL (test/cluster) — for `--minutes`, with the memory (VmRSS) of every server
 * process and of PostgreSQL sampled every `--sample-seconds`. Prints, and writes to
 * bench/results/soak-<date>.json: requests per kind with p50/p99 and statuses, errors, and memory
 * start/peak/end per process with the bounded verdict (memory-sampler.testing.ts, judgeMemory).
 * Exits 1 on any error or unbounded memory. The CI version is test/soak/mixed-soak.test.ts.
 *
 *   npm run bench:soak -- --minutes 30 [--sample-seconds 10]
 *
 * VERITY_E2E_DIST_DIR picks the Next.js build (default .next-e2e), e.g. a copy that another build
 * in the same checkout will not overwrite during the run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCluster } from '../test/cluster/cluster';
import { judgeMemory } from '../test/soak/memory-sampler.testing';
import { runMixedSoak } from '../test/soak/mixed-soak.testing';
import { percentile } from '../test/soak/soak.testing';
import { machineInfo } from './lib/machine';
import { RESULTS_DIR } from './lib/report';

const { values: args } = parseArgs({
  options: { minutes: { type: 'string', default: '30' }, 'sample-seconds': { type: 'string', default: '10' } },
  allowPositionals: false,
});
const minutes = Number(args.minutes);
const sampleSeconds = Number(args['sample-seconds']);
if (!(minutes > 0) || !(sampleSeconds > 0)) throw new Error('--minutes and --sample-seconds must be positive numbers');

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const evidenceDir = await mkdtemp(path.join(tmpdir(), 'verity-soak-evidence-'));
  const cluster = await startCluster({
    servers: 2,
    env: { VERITY_EVIDENCE_DIR: evidenceDir },
    log: (line) => console.log(line),
  });
  try {
    console.log(`soak: ${minutes} min against ${cluster.servers.map((s) => s.url).join(', ')}`);
    const run = await runMixedSoak(cluster, {
      seconds: minutes * 60,
      sampleEveryMs: sampleSeconds * 1000,
      log: (line) => console.log(line),
    });
    const requests = [...run.http.statuses].map(([op, counts]) => {
      const samples = [...(run.http.latencies.get(op) ?? [])].sort((a, b) => a - b);
      return {
        op,
        count: run.http.count(op),
        perSecond: Math.round((run.http.count(op) / run.seconds) * 10) / 10,
        p50Ms: Math.round(percentile(samples, 50) ?? 0),
        p99Ms: Math.round(percentile(samples, 99) ?? 0),
        statuses: Object.fromEntries(counts),
      };
    });
    // The first fifth is warm-up (Next.js compiling and caching pages, pools filling).
    const memory = run.memory.map((series) => judgeMemory(series, { warmupFraction: 0.2 }));
    const errors = [...run.failures, ...run.http.serverErrors];

    console.log(`\n### Mixed soak, ${minutes} min (${startedAt})\n`);
    console.log('| requests | count | per s | p50 ms | p99 ms | statuses |\n| --- | ---: | ---: | ---: | ---: | --- |');
    for (const r of requests) {
      const statuses = Object.entries(r.statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      console.log(`| ${r.op} | ${r.count} | ${r.perSecond} | ${r.p50Ms} | ${r.p99Ms} | ${statuses} |`);
    }
    console.log(
      `\n${run.accepted} deposits accepted, ${run.uploads} uploads (${(run.uploadBytes / 2 ** 20).toFixed(0)} MiB), ` +
        `${run.verifier.receiptsVerified} receipts and ${run.verifier.consistencyProofsVerified} consistency proofs verified; ` +
        `errors: ${errors.length}\n`,
    );
    console.log(
      '| process | RSS start MB | RSS peak MB | RSS end MB | peak, 2nd third after warm-up | peak, last third | bounded |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    const mb = (kb: number) => (kb / 1024).toFixed(0);
    for (const m of memory) {
      console.log(
        `| ${m.name} | ${mb(m.startKb)} | ${mb(m.peakKb)} | ${mb(m.endKb)} | ${mb(m.earlyPeakKb)} | ${mb(m.latePeakKb)} | ${m.bounded ? 'yes' : 'NO'} |`,
      );
    }
    for (const e of errors.slice(0, 20)) console.log(`error: ${e}`);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `soak-${startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          name: 'soak',
          command: `npm run bench:soak -- --minutes ${minutes} --sample-seconds ${sampleSeconds}`,
          startedAt,
          finishedAt: new Date().toISOString(),
          machine: machineInfo(),
          seconds: run.seconds,
          accepted: run.accepted,
          uploads: run.uploads,
          uploadBytes: run.uploadBytes,
          largestStepBackMs: run.largestStepBackMs,
          requests,
          memory,
          memorySeries: run.memory,
          errors: errors.slice(0, 200),
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
    if (errors.length > 0 || memory.some((m) => !m.bounded)) process.exitCode = 1;
  } finally {
    await cluster.stop();
    await rm(evidenceDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
