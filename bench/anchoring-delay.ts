/**
 * Anchoring delay (issue #19): how long after a checkpoint is signed an anchor covers it — an EVM
 * anchor on the local chain (anvil) and an RFC 3161 token from the built-in responder — while
 * deposits arrive steadily, with the anchoring job of the portal (lib/anchor/anchoring-job.ts) on an
 * embedded PostgreSQL. Every checkpoint sealed during the run is matched with the first anchor whose
 * tree contains it; the figure is the largest (and p99) delay, beside the interval itself measured
 * in the same run as the reference: the goal is interval + 5 s.
 *
 *   npx tsx --conditions=react-server bench/anchoring-delay.ts [--quick] [--interval 5] [--duration 30]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestAnchors } from '@/lib/anchor/anchors.testing';
import { generateNoteKeys } from '@/lib/tlog';
import { startEmbeddedDatabase } from '@/scripts/lib/embedded-postgres';
import { freePort } from '@/scripts/lib/free-port';
import { migrateDatabase } from '@/scripts/lib/migrate';
import { benchOptions } from './lib/options';
import { publishRun } from './lib/publish-run';
import type { BenchSection, Figure } from './lib/report';
import { round } from './lib/stats';

const options = benchOptions('anchoring-delay', { interval: { type: 'string' }, duration: { type: 'string' } });
const intervalS = Number(options.own.interval ?? 5);
const durationS = Number(options.own.duration ?? (options.quick ? 12 : 30));
const DEPOSITS_PER_SECOND = 200;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function delaySection(): Promise<BenchSection> {
  const dir = mkdtempSync(path.join(tmpdir(), 'verity-bench-anchoring-'));
  const db = await startEmbeddedDatabase({ dataDir: dir, port: await freePort(), database: 'verity_bench' });
  const anchors = await startTestAnchors();
  try {
    await migrateDatabase(db.url);
    process.env.DATABASE_URL = db.url;
    process.env.VERITY_LOG_SIGNER_KEY ??= generateNoteKeys('verity.bench/ledger').signerKey;
    const [{ sealBatch }, { getPool, closePool }, { buildDepositorOrg, syntheticDeposit }] = await Promise.all([
      import('@/lib/ledger/seal-batch'),
      import('@/lib/db/pool'),
      import('@/lib/ledger/ledger.testing'),
    ]);
    // The portal's tick (1 s) and interval; leaves never trigger at this rate.
    const job = anchors.job({
      settings: anchors.settings({ intervalMs: intervalS * 1000, everyLeaves: 1_000_000_000 }),
    });
    const org = await buildDepositorOrg();
    await sealBatch([syntheticDeposit(org.id)]);
    job.start(); // ticks every second, as in the portal
    const ends = Date.now() + durationS * 1000;
    while (Date.now() < ends) {
      const started = Date.now();
      await sealBatch(Array.from({ length: DEPOSITS_PER_SECOND / 10 }, () => syntheticDeposit(org.id)));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - started))));
    }
    // Let the last interval's anchor land, then stop.
    await new Promise((resolve) => setTimeout(resolve, (intervalS + 3) * 1000));
    await job.stop();
    const measure = async (kind: 'evm' | 'rfc3161') => {
      const { rows } = await getPool().query<{ delay_ms: string }>(
        `SELECT extract(epoch FROM (a.recorded_at - c.created_at)) * 1000 AS delay_ms
           FROM checkpoints c CROSS JOIN LATERAL (SELECT recorded_at FROM log_anchors a
             WHERE a.kind = $1 AND a.tree_size >= c.tree_size ORDER BY a.tree_size LIMIT 1) a
          WHERE c.created_at >= (SELECT min(recorded_at) FROM log_anchors WHERE kind = $1)
            AND c.tree_size <= (SELECT max(tree_size) FROM log_anchors WHERE kind = $1)`,
        [kind],
      );
      const delays = rows.map((r) => Number(r.delay_ms)).sort((a, b) => a - b);
      const { rows: count } = await getPool().query<{ n: string }>(
        'SELECT count(*) AS n FROM log_anchors WHERE kind = $1',
        [kind],
      );
      return {
        checkpoints: delays.length,
        anchors: Number(count[0]?.n ?? 0),
        p50: quantile(delays, 0.5),
        p99: quantile(delays, 0.99),
        max: delays.at(-1) ?? Number.NaN,
      };
    };
    const evm = await measure('evm');
    const token = await measure('rfc3161');
    await closePool();
    const section = `delay from a signed checkpoint to the first anchor covering it (${DEPOSITS_PER_SECOND} deposits/s for ${durationS} s, interval ${intervalS} s)`;
    const reference = { name: 'the interval', value: intervalS, unit: 's' };
    const figures: Figure[] = [
      {
        section,
        metric: `EVM anchor, largest (${evm.checkpoints} checkpoints, ${evm.anchors} transactions)`,
        value: round(evm.max / 1000, 2),
        unit: 's',
        reference,
        goal: { op: '<=', value: intervalS + 5 },
      },
      { section, metric: 'EVM anchor, p99', value: round(evm.p99 / 1000, 2), unit: 's', reference },
      {
        section,
        metric: `trusted timestamp, largest (${token.anchors} tokens)`,
        value: round(token.max / 1000, 2),
        unit: 's',
        reference,
        goal: { op: '<=', value: intervalS + 5 },
      },
    ];
    return {
      figures,
      details: { evm, token, depositsPerSecond: DEPOSITS_PER_SECOND, durationS, intervalS },
      postgres: '',
      failures: [],
    };
  } finally {
    await anchors.stop();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await publishRun('anchoring-delay', options, [delaySection]);
