/** Latency summaries: nearest-rank percentiles over every sample (no histograms, no sampling). */

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentile of sorted samples; `q` in [0, 1]. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function summarize(samplesMs: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samplesMs).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    meanMs: sorted.length ? sum / sorted.length : Number.NaN,
    p50Ms: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
  };
}

/** Counts of values per bucket; `edges` are inclusive upper bounds, the last bucket is open. */
export function histogram(
  values: readonly number[],
  edges: readonly number[],
): Array<{ bucket: string; count: number }> {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    const i = edges.findIndex((e) => v <= e);
    counts[i < 0 ? edges.length : i] = (counts[i < 0 ? edges.length : i] ?? 0) + 1;
  }
  return counts.map((count, i) => {
    const lo = i === 0 ? 1 : (edges[i - 1] as number) + 1;
    const hi = edges[i];
    const bucket = hi === undefined ? `≥${lo}` : lo === hi ? `${lo}` : `${lo}–${hi}`;
    return { bucket, count };
  });
}

/** The summary of `samplesMs` with every figure rounded to microseconds, as the reports print it. */
export function roundedSummary(samplesMs: ArrayLike<number>): LatencySummary {
  const s = summarize(samplesMs);
  return {
    count: s.count,
    meanMs: round(s.meanMs, 3),
    p50Ms: round(s.p50Ms, 3),
    p90Ms: round(s.p90Ms, 3),
    p99Ms: round(s.p99Ms, 3),
    maxMs: round(s.maxMs, 3),
  };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
