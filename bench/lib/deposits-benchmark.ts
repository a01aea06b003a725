/**
 * The deposit benchmark's body (bench/deposits-http.ts runs it alone, bench/ledger.ts with
 * the others): a bare node:http reference, a 1-server and a 2-server cluster measured with
 * measureDeposits, PostgreSQL references, sealBatch on its own, and optionally CPU profiles.
 */
import { measureBareHttp } from './bare-http-server';
import { withBenchCluster } from './bench-cluster';
import { measuredQuietly } from './cpu-accounting';
import { batchFigures, singleFigures } from './deposit-figures';
import { createHttpClient } from './http-client';
import { useLedgerDatabase } from './in-process-ledger';
import { BATCH_CLIENTS, BATCH_SIZE, measureDeposits, SINGLE_CLIENTS } from './measure-deposits';
import type { BenchOptions } from './options';
import { measurePgBatchInserts, measurePgCommits } from './pg-insert-reference';
import { printProfile, profileServer } from './profile-server';
import type { BenchSection, Figure } from './report';
import { phaseDefaults } from './run-phase';
import { measureSealSteps } from './seal-breakdown';
import { measureSealCost, profileSeals } from './seal-cost';
import { round } from './stats';
import { verifyReceipts } from './verify-receipts';

const SEAL_SIZES = [1, 16, 64, 256, 1000, 4000];

export async function runDepositsBenchmark(options: BenchOptions): Promise<BenchSection> {
  const client = createHttpClient(options.client, SINGLE_CLIENTS);
  try {
    const bare = await measureBareHttp(options, client, { clients: SINGLE_CLIENTS, viaWrk: false });

    let postgres = '';
    const one = await withBenchCluster(1, async (bc) => {
      postgres = bc.postgresVersion;
      const m = await measureDeposits(bc, options, client);
      const receiptCheck = verifyReceipts(m.receipts, bc.cluster.logVerifierKey);
      console.log('references on the same PostgreSQL…');
      const pgBatch = await measurePgBatchInserts({
        databaseUrl: bc.cluster.databaseUrl,
        clients: BATCH_CLIENTS,
        rowsPerInsert: BATCH_SIZE,
        leafBytes: m.meanLeafBytes,
        durationMs: options.durationMs,
        groups: bc.groups,
      });
      const commits = await measuredQuietly(bc.groups, phaseDefaults.quietWaitMs, () =>
        measurePgCommits(bc.cluster.databaseUrl, Math.min(options.durationMs, 10_000), 100_000),
      );
      console.log(`  one-row durable commits, sequential: ${JSON.stringify(commits)}`);
      console.log('sealBatch on its own, from this process…');
      const ledger = await useLedgerDatabase(bc.cluster.databaseUrl, bc.cluster.orgId);
      try {
        const sealCost = await measuredQuietly(bc.groups, phaseDefaults.quietWaitMs, () =>
          measureSealCost(ledger, SEAL_SIZES, options.quick ? 300 : 3000),
        );
        const { rows } = await ledger.pool.query<{ s: string }>('SELECT max(tree_size)::text AS s FROM checkpoints');
        const size = Number(rows[0]?.s ?? 0);
        const sealSteps = SEAL_SIZES.map((n) => measureSealSteps(n, size, options.quick ? 3 : 15));
        for (const st of sealSteps) console.log(`  sealBatch(${st.batch}) CPU steps: ${JSON.stringify(st)}`);
        const sealProfile = options.profile ? await profileSeals(ledger, 1000, 10) : undefined;
        if (sealProfile) printProfile('sealBatch(1000) in this process', sealProfile);
        return { m, receiptCheck, pgBatch, commits, sealCost, sealSteps, sealProfile };
      } finally {
        await ledger.close();
      }
    });

    const two = await withBenchCluster(2, async (bc) => {
      const m = await measureDeposits(bc, options, client);
      return { m, receiptCheck: verifyReceipts(m.receipts, bc.cluster.logVerifierKey) };
    });

    const profile = options.profile ? await profileServer(options, client) : undefined;

    const figures: Figure[] = [
      ...singleFigures(one.m),
      ...singleFigures(two.m),
      ...batchFigures(one.m, one.pgBatch),
      ...batchFigures(two.m, one.pgBatch),
      {
        section: 'framework ceiling, 1 server, 256 clients',
        metric: 'GET /api/health',
        value: one.m.health.requestsPerSecond,
        unit: 'req/s',
        reference: { name: 'bare node:http server', value: bare.requestsPerSecond, unit: 'req/s' },
        otherCores: Math.max(one.m.health.otherCores, bare.otherCores),
      },
    ];
    const seal = (n: number) => one.sealCost.result.find((s) => s.batch === n);
    const sealNoise = Math.max(one.sealCost.otherCores, one.commits.otherCores);
    const seal256 = seal(256);
    if (seal256) {
      figures.push({
        section: 'sealBatch alone (no HTTP), batch of 256',
        metric: 'time per seal (median)',
        value: seal256.msPerSealMedian,
        unit: 'ms',
        reference: { name: 'one-row durable commit p50', value: one.commits.result.latency.p50Ms, unit: 'ms' },
        otherCores: sealNoise,
      });
    }
    const seal1000 = seal(1000);
    if (seal1000) {
      figures.push({
        section: 'sealBatch alone (no HTTP), batches of 1000 back to back',
        metric: 'deposits sealed',
        value: seal1000.depositsPerSecond,
        unit: 'deposits/s',
        reference: { name: 'PostgreSQL INSERT … unnest ×1000', value: one.pgBatch.itemsPerSecond, unit: 'rows/s' },
        otherCores: Math.max(one.sealCost.otherCores, one.pgBatch.otherCores),
      });
      const steps = one.sealSteps.find((st) => st.batch === 1000);
      if (steps) {
        figures.push({
          section: 'sealBatch(1000): its CPU steps alone (append, proofs of new leaves, sign)',
          metric: 'time',
          value: round(steps.appendLeavesMs + steps.proofsForNewLeavesMs + steps.signCheckpointMs, 2),
          unit: 'ms',
          reference: { name: 'whole sealBatch(1000) median', value: seal1000.msPerSealMedian, unit: 'ms' },
        });
      }
    }

    const failures = [...one.receiptCheck.failures, ...two.receiptCheck.failures];
    return {
      figures,
      postgres,
      failures: failures.map((f) => `receipt does not verify: ${f}`),
      details: {
        loadGenerator: `${options.load === 'wrk' ? 'wrk (health and single deposits, 256 connections, 2 threads); ' : ''}${options.client === 'http' ? 'node:http keep-alive Agent' : 'fetch (undici global Agent)'}, closed loop`,
        durationSeconds: options.durationMs / 1000,
        warmupSeconds: options.warmupMs / 1000,
        receiptsVerified: { checked: one.receiptCheck.checked + two.receiptCheck.checked, failures },
        bareHttp: bare,
        oneServer: { ...one.m, receipts: undefined },
        twoServers: { ...two.m, receipts: undefined },
        pgBatchInsert: one.pgBatch,
        pgCommit: one.commits.result,
        sealCost: one.sealCost.result,
        sealCostOtherCores: one.sealCost.otherCores,
        sealSteps: one.sealSteps,
        sealProfile: one.sealProfile,
        profile,
      },
    };
  } finally {
    client.close();
  }
}
