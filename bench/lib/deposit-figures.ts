/** The deposit benchmark's figures: each measured value beside its same-run reference. */
import { BATCH_CLIENTS, BATCH_SIZE, type DepositMeasurements, SINGLE_CLIENTS } from './measure-deposits';
import type { Figure } from './report';
import type { PhaseResult } from './run-phase';
import { round } from './stats';

function serverCpu(p: PhaseResult): number {
  let sum = 0;
  for (const [k, v] of Object.entries(p.cpuMsPerItem)) if (k.startsWith('server')) sum += v;
  return round(sum, 3);
}

export function singleFigures(m: DepositMeasurements): Figure[] {
  const section = `single deposits, ${m.servers} server${m.servers > 1 ? 's' : ''}, ${SINGLE_CLIENTS} clients`;
  const health = (metric: string, value: number, unit: string) => ({
    name: `GET /api/health${metric ? ` ${metric}` : ''}`,
    value,
    unit,
  });
  const otherCores = Math.max(m.single.otherCores, m.health.otherCores);
  return [
    {
      section,
      metric: 'deposits sealed',
      value: m.single.itemsPerSecond,
      unit: 'deposits/s',
      reference: health('', m.health.requestsPerSecond, 'req/s'),
      otherCores,
      goal: { op: '>=', value: 3000 },
    },
    {
      section,
      metric: 'p50 request → sealed receipt',
      value: m.single.latency.p50Ms,
      unit: 'ms',
      reference: health('p50', m.health.latency.p50Ms, 'ms'),
      otherCores,
    },
    {
      section,
      metric: 'p99 request → sealed receipt',
      value: m.single.latency.p99Ms,
      unit: 'ms',
      reference: health('p99', m.health.latency.p99Ms, 'ms'),
      otherCores,
      goal: { op: '<=', value: 1000 },
    },
    {
      section,
      metric: 'server CPU per deposit',
      value: serverCpu(m.single),
      unit: 'ms',
      reference: health('server CPU per request', serverCpu(m.health), 'ms'),
      otherCores,
    },
  ];
}

export function batchFigures(m: DepositMeasurements, pg: PhaseResult): Figure[] {
  const section = `batches of ${BATCH_SIZE}, ${m.servers} server${m.servers > 1 ? 's' : ''}, ${BATCH_CLIENTS} clients`;
  return [
    ...batchPhaseFigures(section, 'p50 request → sealed receipts', m.batch, pg),
    ...batchPhaseFigures(`${section}, Prefer: return=minimal`, 'p50 request → sealed', m.minimalBatch, pg),
  ];
}

/** One phase of batches: deposits sealed (goal 15,000/s) and median latency, beside PostgreSQL's batched insert. */
function batchPhaseFigures(section: string, latencyMetric: string, phase: PhaseResult, pg: PhaseResult): Figure[] {
  const otherCores = Math.max(phase.otherCores, pg.otherCores);
  const insert = `PostgreSQL INSERT … unnest ×${BATCH_SIZE}`;
  return [
    {
      section,
      metric: 'deposits sealed',
      value: phase.itemsPerSecond,
      unit: 'deposits/s',
      reference: { name: insert, value: pg.itemsPerSecond, unit: 'rows/s' },
      otherCores,
      goal: { op: '>=', value: 15_000 },
    },
    {
      section,
      metric: latencyMetric,
      value: phase.latency.p50Ms,
      unit: 'ms',
      reference: { name: `${insert} p50`, value: pg.latency.p50Ms, unit: 'ms' },
      otherCores,
    },
  ];
}
