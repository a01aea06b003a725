/**
 * Lookups by digest (GET /api/v1/deposits?sha256=) from 200 concurrent readers on a log of
 * many deposits (issue: ledger benchmarks): p50/p99 and throughput, against GET /api/health
 * and the raw PostgreSQL query by digest with the same readers; closed loop and paced.
 *
 *   npx tsx --conditions=react-server bench/lookups.ts [--quick] [--leaves N] [--duration S]
 */
import { runLogReadsBenchmark } from './lib/log-reads-benchmark';
import { benchOptions } from './lib/options';
import { publishRun } from './lib/publish-run';

const options = benchOptions('lookups');
await publishRun('lookups', options, [() => runLogReadsBenchmark(options, { proofs: false, lookups: true })]);
