/**
 * What the per-API-key deposit limits cost (issue #21, finding 3): single deposits (wait=true)
 * from 256 clients on one production server, alternating `--rounds` times between the cluster's
 * key without limits (the server's defaults off: no statement is run) and the same key with
 * limits it never reaches (set by the administrator's columns: the charge statement runs on every
 * request), and the same with batches of 1000 (4 clients). Alternating on one cluster cancels
 * most of the noise of a shared machine; the figures are medians of the rounds.
 *
 *   npx tsx --conditions=react-server bench/deposit-limits.ts [--quick] [--duration 10] [--rounds 3]
 */
import pg from 'pg';
import { withBenchCluster } from './lib/bench-cluster';
import { batchDepositBody, createHttpClient, postDeposits, singleDepositBody } from './lib/http-client';
import { benchOptions } from './lib/options';
import { type PhaseResult, runPhase } from './lib/run-phase';

const options = benchOptions('deposit-limits', { rounds: { type: 'string' } });
const rounds = Number(process.argv.includes('--rounds') ? process.argv[process.argv.indexOf('--rounds') + 1] : 3);
const CLIENTS = 256;
const BATCH_CLIENTS = 4;
const MAX = 2_147_483_647;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

await withBenchCluster(
  1,
  async ({ cluster, urls, groups }) => {
    const url = urls[0] as string;
    const client = createHttpClient(options.client, CLIENTS);
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    const setLimits = async (on: boolean) => {
      await db.query('UPDATE api_keys SET rate_per_minute = $1, rate_burst = $1, daily_quota = $1 WHERE org_id = $2', [
        on ? MAX : null,
        cluster.orgId,
      ]);
      // authenticateApiKey keeps a key's record for KEY_CACHE_MS (1 s): wait until it is read again.
      await new Promise((r) => setTimeout(r, 1500));
    };
    const phase = (label: string, batch: boolean): Promise<PhaseResult> =>
      runPhase({
        label,
        clients: batch ? BATCH_CLIENTS : CLIENTS,
        durationMs: options.durationMs,
        maxRequests: Math.ceil((batch ? 100 : 20_000) * (options.durationMs / 1000)),
        groups,
        warmUp: true, // a shared machine is never quiet; alternating the two is the control
        request: async () => {
          await postDeposits(client, url, cluster.apiKey, batch ? batchDepositBody(1000) : singleDepositBody());
          return batch ? 1000 : 1;
        },
      });
    const results: Record<string, number[]> = { singleOff: [], singleOn: [], batchOff: [], batchOn: [] };
    await phase('warm-up', false);
    for (let round = 1; round <= rounds; round++) {
      for (const on of round % 2 === 1 ? [false, true] : [true, false]) {
        await setLimits(on);
        const tag = on ? 'On' : 'Off';
        const single = await phase(`round ${round}: single deposits, limits ${on ? 'on' : 'off'}`, false);
        const batch = await phase(`round ${round}: batches of 1000, limits ${on ? 'on' : 'off'}`, true);
        if (single.failed > 0 || batch.failed > 0) throw new Error(`failed requests: ${JSON.stringify(single.errors)}`);
        results[`single${tag}`]?.push(single.itemsPerSecond);
        results[`batch${tag}`]?.push(batch.itemsPerSecond);
        console.log(
          `  ${single.label}: ${single.itemsPerSecond}/s (p99 ${single.latency.p99Ms} ms); batches: ${batch.itemsPerSecond}/s; other cores ${single.otherCores}`,
        );
      }
    }
    await db.end();
    const row = (what: string, off: number[], on: number[]) =>
      `| ${what} | ${median(on).toFixed(0)}/s (${on.map((x) => x.toFixed(0)).join(', ')}) | ${median(off).toFixed(0)}/s (${off.map((x) => x.toFixed(0)).join(', ')}) | ${(median(on) / median(off)).toFixed(2)}× |`;
    console.log('\n| deposits/s, 1 server, median of rounds | limits on (never reached) | limits off | ratio |');
    console.log('| --- | --- | --- | --- |');
    console.log(row(`single deposits, ${CLIENTS} clients`, results.singleOff ?? [], results.singleOn ?? []));
    console.log(row(`batches of 1000, ${BATCH_CLIENTS} clients`, results.batchOff ?? [], results.batchOn ?? []));
  },
  { env: { VERITY_DEPOSIT_RATE_PER_MINUTE: '0', VERITY_DEPOSIT_DAILY_QUOTA: '0' } },
);
