/**
 * The read benchmarks' body (bench/proofs.ts, bench/lookups.ts, bench/ledger.ts): one cluster,
 * its log grown to `--leaves` with sealBatch, then inclusion proofs and GET by id, and/or
 * lookups by digest from 200 readers.
 */
import { performance } from 'node:perf_hooks';
import { withBenchCluster } from './bench-cluster';
import { type BuiltLog, buildLog } from './build-log';
import { createHttpClient } from './http-client';
import { type InProcessLedger, useLedgerDatabase } from './in-process-ledger';
import { type LookupMeasurements, measureLookups, READERS } from './measure-lookups';
import { measureGetById, measureProofs, type ProofMeasurements } from './measure-proofs';
import type { BenchOptions } from './options';
import type { BenchSection, Figure } from './report';
import type { PhaseResult } from './run-phase';
import { round } from './stats';

export interface LogReadsSelection {
  proofs: boolean;
  lookups: boolean;
}

export async function runLogReadsBenchmark(options: BenchOptions, which: LogReadsSelection): Promise<BenchSection> {
  const client = createHttpClient(options.client, READERS);
  try {
    return await withBenchCluster(1, async (bc) => {
      const ledger = await useLedgerDatabase(bc.cluster.databaseUrl, bc.cluster.orgId);
      try {
        const built = await buildLog(ledger, options.leaves);
        const vacuumSeconds = await vacuumAnalyze(ledger);
        const url = bc.urls[0] as string;
        let proofs: ProofMeasurements | undefined;
        if (which.proofs) {
          console.log(`inclusion proofs on a log of ${built.leaves} leaves (${options.samples} samples)…`);
          proofs = await measureProofs(ledger, options.samples, bc.groups);
          const getSamples = Math.min(options.samples, options.quick ? 200 : 2000);
          proofs = { ...proofs, ...(await measureGetById(client, url, built.sample.ids, getSamples, bc.groups)) };
        }
        const lookups = which.lookups
          ? await measureLookups(bc, options, client, built.sample.sha256, built.leaves)
          : undefined;
        const failures = proofs?.receiptsVerified?.failures.map((f) => `receipt does not verify: ${f}`) ?? [];
        return {
          figures: [
            ...buildFigures(built),
            ...(proofs ? proofFigures(proofs) : []),
            ...(lookups ? lookupFigures(lookups) : []),
          ],
          postgres: bc.postgresVersion,
          failures,
          details: {
            build: {
              ...built,
              sample: `${built.sample.ids.length} ids and digests kept`,
              vacuumAnalyzeSeconds: vacuumSeconds,
            },
            proofs,
            lookups,
          },
        };
      } finally {
        await ledger.close();
      }
    });
  } finally {
    client.close();
  }
}

/** What autovacuum would do to a table that grew this much: fresh planner statistics and visibility map. */
async function vacuumAnalyze(ledger: InProcessLedger): Promise<number> {
  const t0 = performance.now();
  for (const table of ['deposits', 'log_leaves', 'log_nodes', 'checkpoints'])
    await ledger.pool.query(`VACUUM ANALYZE ${table}`);
  const seconds = round((performance.now() - t0) / 1000, 1);
  console.log(`  VACUUM ANALYZE after the build: ${seconds} s`);
  return seconds;
}

function buildFigures(b: BuiltLog): Figure[] {
  return [
    {
      section: `building a ${b.leaves.toLocaleString('en-US')}-leaf log with sealBatch (batches of 1000)`,
      metric: 'time to build',
      value: b.seconds,
      unit: 's',
    },
  ];
}

function proofFigures(p: ProofMeasurements): Figure[] {
  const section = `inclusion proof, random leaf, ${p.treeSize.toLocaleString('en-US')}-leaf log`;
  const figures: Figure[] = [
    {
      section,
      metric: 'buildInclusionProof median',
      value: p.proof.p50Ms,
      unit: 'ms',
      reference: { name: 'SELECT 1 round trip median', value: p.selectOne.p50Ms, unit: 'ms' },
      otherCores: p.otherCores,
      goal: { op: '<=', value: 5 },
    },
    {
      section,
      metric: 'buildInclusionProof p99',
      value: p.proof.p99Ms,
      unit: 'ms',
      reference: { name: 'SELECT 1 round trip p99', value: p.selectOne.p99Ms, unit: 'ms' },
      otherCores: p.otherCores,
    },
  ];
  if (p.httpGetById && p.httpHealth) {
    const s = `GET /api/v1/deposits/{id}, 1 client, ${p.treeSize.toLocaleString('en-US')}-leaf log`;
    figures.push(
      {
        section: s,
        metric: 'p50',
        value: p.httpGetById.p50Ms,
        unit: 'ms',
        reference: { name: 'GET /api/health p50', value: p.httpHealth.p50Ms, unit: 'ms' },
        otherCores: p.httpOtherCores,
      },
      {
        section: s,
        metric: 'p99',
        value: p.httpGetById.p99Ms,
        unit: 'ms',
        reference: { name: 'GET /api/health p99', value: p.httpHealth.p99Ms, unit: 'ms' },
        otherCores: p.httpOtherCores,
      },
    );
  }
  return figures;
}

function lookupFigures(l: LookupMeasurements): Figure[] {
  const log = `${l.leaves.toLocaleString('en-US')}-leaf log`;
  const closed = `GET /api/v1/deposits?sha256=, ${READERS} readers, closed loop, ${log}`;
  const c = l.closed;
  const noise = (...phases: PhaseResult[]) => Math.max(...phases.map((p) => p.otherCores));
  return [
    {
      section: closed,
      metric: 'p99',
      value: c.lookups.latency.p99Ms,
      unit: 'ms',
      reference: { name: 'raw SELECT by digest p99 (pool of 10)', value: c.rawQuery.latency.p99Ms, unit: 'ms' },
      otherCores: noise(c.lookups, c.rawQuery),
      goal: { op: '<=', value: 20 },
    },
    {
      section: closed,
      metric: 'p99',
      value: c.lookups.latency.p99Ms,
      unit: 'ms',
      reference: { name: `GET /api/health p99, ${READERS} readers`, value: c.health.latency.p99Ms, unit: 'ms' },
      otherCores: noise(c.lookups, c.health),
    },
    {
      section: closed,
      metric: 'p99',
      value: c.lookups.latency.p99Ms,
      unit: 'ms',
      reference: {
        name: `bare node:http p99, ${READERS} readers (any server's floor here)`,
        value: c.bare.latency.p99Ms,
        unit: 'ms',
      },
      otherCores: noise(c.lookups, c.bare),
    },
    {
      section: closed,
      metric: 'lookups',
      value: c.lookups.requestsPerSecond,
      unit: 'req/s',
      reference: { name: 'GET /api/health', value: c.health.requestsPerSecond, unit: 'req/s' },
      otherCores: noise(c.lookups, c.health),
    },
    {
      section: closed,
      metric: 'lookups',
      value: c.lookups.requestsPerSecond,
      unit: 'req/s',
      reference: { name: 'bare node:http', value: c.bare.requestsPerSecond, unit: 'req/s' },
      otherCores: noise(c.lookups, c.bare),
    },
    ...l.paced.flatMap((p): Figure[] => {
      const section = `GET /api/v1/deposits?sha256=, ${READERS} readers pausing ${p.thinkMs} ms on average (${p.lookups.requestsPerSecond} req/s), ${log}`;
      const otherCores = noise(p.lookups, p.rawQuery);
      return [
        {
          section,
          metric: 'p99',
          value: p.lookups.latency.p99Ms,
          unit: 'ms',
          reference: { name: 'raw SELECT by digest p99, same pacing', value: p.rawQuery.latency.p99Ms, unit: 'ms' },
          goal: { op: '<=', value: 20 },
          otherCores,
        },
        {
          section,
          metric: 'p50',
          value: p.lookups.latency.p50Ms,
          unit: 'ms',
          reference: { name: 'raw SELECT by digest p50, same pacing', value: p.rawQuery.latency.p50Ms, unit: 'ms' },
          otherCores,
        },
      ];
    }),
  ];
}
