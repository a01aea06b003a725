/**
 * The batches the sequencer actually sealed, read back from the log: every seal stores one
 * checkpoint, so consecutive tree sizes give each batch's size, and their `created_at`
 * (now() = the sealing transaction's start) gives the time between seals.
 */
import pg from 'pg';
import { histogram, percentile, round } from './stats';

export interface SealBatchStats {
  seals: number;
  deposits: number;
  meanBatch: number;
  p50Batch: number;
  p90Batch: number;
  maxBatch: number;
  /** Half of all deposits were sealed in batches at least this large. */
  depositWeightedMedianBatch: number;
  /** Mean time from one seal transaction's start to the next one's. */
  meanSealIntervalMs: number;
  sealsPerSecond: number;
  histogram: Array<{ bucket: string; count: number }>;
}

export async function treeSize(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ s: string | null }>('SELECT max(tree_size)::text AS s FROM checkpoints');
    return Number(rows[0]?.s ?? 0);
  });
}

export async function sealBatchesBetween(
  databaseUrl: string,
  fromSize: number,
  toSize: number,
): Promise<SealBatchStats> {
  const rows = await withClient(databaseUrl, async (c) => {
    const r = await c.query<{ size: string; t: number }>(
      `SELECT tree_size::text AS size, extract(epoch FROM created_at) * 1000 AS t FROM checkpoints
       WHERE tree_size BETWEEN $1 AND $2 ORDER BY tree_size`,
      [fromSize, toSize],
    );
    return r.rows.map((row) => ({ size: Number(row.size), t: Number(row.t) }));
  });
  const sizes: number[] = [];
  for (let i = 1; i < rows.length; i++) sizes.push((rows[i]?.size ?? 0) - (rows[i - 1]?.size ?? 0));
  const sorted = [...sizes].sort((a, b) => a - b);
  const deposits = sizes.reduce((a, b) => a + b, 0);
  let acc = 0;
  const weightedMedian = sorted.find((s) => {
    acc += s;
    return acc >= deposits / 2;
  });
  // From the first seal inside the window to the last: sizes.length - 1 intervals.
  const first = rows[1];
  const last = rows.at(-1);
  const intervals = sizes.length - 1;
  const spanMs = first && last ? last.t - first.t : 0;
  return {
    seals: sizes.length,
    deposits,
    meanBatch: sizes.length ? round(deposits / sizes.length, 1) : 0,
    p50Batch: percentile(sorted, 0.5),
    p90Batch: percentile(sorted, 0.9),
    maxBatch: sorted.at(-1) ?? 0,
    depositWeightedMedianBatch: weightedMedian ?? 0,
    meanSealIntervalMs: intervals > 0 ? round(spanMs / intervals, 1) : 0,
    sealsPerSecond: spanMs > 0 ? round((intervals / spanMs) * 1000, 1) : 0,
    histogram: histogram(sizes, [1, 7, 31, 63, 127, 255, 511, 999, 1999, 3999]),
  };
}

export async function withClient<T>(databaseUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
