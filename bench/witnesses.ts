/**
 * Witnessing (issue #18), three goals measured in one run, each beside a reference from the same run:
 *
 * 1. single deposits/s with three witnesses (quorum 2) ≥ 0.9× without (bench/lib/cosigning-benchmark.ts);
 * 2. p99 from a deposit's 201 to a quorum-cosigned checkpoint covering it ≤ 1 s at 1,000 deposits/s
 *    (the same file);
 * 3. a witness's add-checkpoint p99 ≤ 20 ms (bench/lib/witness-add-checkpoint.ts).
 *
 * (The fourth, a monitor catching up on a 1,000,000-leaf log, is bench/tiles.ts.)
 *
 *   npx tsx --conditions=react-server bench/witnesses.ts [--quick] [--duration 30] [--rounds 2]
 *     [--rate 1000] [--only deposits|witness]
 */
import { type CosigningMeasurements, measureCosigning } from './lib/cosigning-benchmark';
import { createHttpClient } from './lib/http-client';
import { SINGLE_CLIENTS } from './lib/measure-deposits';
import { benchOptions } from './lib/options';
import { publishRun } from './lib/publish-run';
import type { BenchSection, Figure } from './lib/report';
import { round } from './lib/stats';
import { type AddCheckpointResult, measureAddCheckpoint } from './lib/witness-add-checkpoint';

const options = benchOptions('witnesses', {
  rounds: { type: 'string' },
  rate: { type: 'string' },
  only: { type: 'string' },
});
const rounds = Number(options.own.rounds ?? (options.quick ? 1 : 2));
const rate = Number(options.own.rate ?? 1000);
const only = options.own.only as string | undefined;
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
if (!(rate > 0)) throw new Error('--rate must be a positive number');
if (only !== undefined && only !== 'deposits' && only !== 'witness')
  throw new Error('--only must be deposits or witness');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function depositsSection(): Promise<BenchSection> {
  const client = createHttpClient(options.client, SINGLE_CLIENTS);
  let m: CosigningMeasurements;
  try {
    m = await measureCosigning(options, client, { rounds, rate });
  } finally {
    client.close();
  }
  const of = (witnessed: boolean) => m.runs.filter((r) => r.witnessed === witnessed).map((r) => r.single);
  const without = of(false);
  const withW = of(true);
  const noise = (phases: typeof without) => Math.max(0, ...phases.map((p) => p.otherCores));
  const reference = median(without.map((p) => p.itemsPerSecond));
  const figures: Figure[] = [
    {
      section: `single deposits, 1 server, ${SINGLE_CLIENTS} clients (median of ${rounds} alternated run${rounds > 1 ? 's' : ''} each)`,
      metric: 'deposits/s with three witnesses (quorum 2)',
      value: median(withW.map((p) => p.itemsPerSecond)),
      unit: '/s',
      reference: { name: 'without witnesses', value: reference, unit: '/s' },
      goal: { op: '>=', value: round(0.9 * reference, 1) },
      otherCores: noise([...without, ...withW]),
    },
    {
      section: `single deposits, 1 server, ${SINGLE_CLIENTS} clients`,
      metric: 'p99 request → sealed 201, with three witnesses',
      value: median(withW.map((p) => p.latency.p99Ms)),
      unit: 'ms',
      reference: { name: 'without witnesses', value: median(without.map((p) => p.latency.p99Ms)), unit: 'ms' },
      otherCores: noise([...without, ...withW]),
    },
  ];
  const c = m.covered;
  if (c) {
    figures.push(
      {
        section: `${c.rate} deposits/s (open loop), three witnesses, quorum 2`,
        metric: "p99 deposit's 201 → quorum-cosigned checkpoint covering it, served",
        value: c.witnessed.p99Ms,
        unit: 'ms',
        reference: { name: 'p99 request → sealed 201', value: c.sealed.p99Ms, unit: 'ms' },
        goal: { op: '<=', value: 1000 },
        otherCores: c.otherCores,
      },
      {
        section: `${c.rate} deposits/s (open loop), three witnesses, quorum 2`,
        metric: "p50 deposit's 201 → quorum-cosigned checkpoint covering it, served",
        value: c.witnessed.p50Ms,
        unit: 'ms',
        reference: { name: 'p50 request → sealed 201', value: c.sealed.p50Ms, unit: 'ms' },
        otherCores: c.otherCores,
      },
    );
  }
  return { figures, details: { cosigning: m }, postgres: '', failures: m.failures };
}

async function witnessSection(): Promise<BenchSection> {
  const r: AddCheckpointResult = await measureAddCheckpoint({ durationMs: options.durationMs });
  const figures: Figure[] = r.witness.flatMap((w, i) => {
    const ref = r.reference[i];
    const section = `a witness's add-checkpoint, ${w.logs} log${w.logs > 1 ? 's' : ''} (${w.requestsPerSecond} requests/s)`;
    const otherCores = Math.max(w.otherCores, ref?.otherCores ?? 0);
    return [
      {
        section,
        metric: 'p99 latency',
        value: w.latency.p99Ms,
        unit: 'ms',
        ...(ref
          ? { reference: { name: 'p99, node:http + the same durable write', value: ref.latency.p99Ms, unit: 'ms' } }
          : {}),
        goal: { op: '<=' as const, value: 20 },
        otherCores,
      },
      {
        section,
        metric: 'p50 latency',
        value: w.latency.p50Ms,
        unit: 'ms',
        ...(ref
          ? { reference: { name: 'p50, node:http + the same durable write', value: ref.latency.p50Ms, unit: 'ms' } }
          : {}),
        otherCores,
      },
    ];
  });
  return { figures, details: { addCheckpoint: r }, postgres: '', failures: r.failures };
}

await publishRun('witnesses', options, [
  ...(only === 'witness' ? [] : [depositsSection]),
  ...(only === 'deposits' ? [] : [witnessSection]),
]);
