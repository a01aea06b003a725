/**
 * Inclusion-proof time for a random leaf in a 1,000,000-leaf log (issue: ledger benchmarks):
 * median and p99 of buildInclusionProof (lib/ledger/build-proofs.ts) against a `SELECT 1`
 * round trip on the same pool, interleaved sample by sample; how long building the log with
 * sealBatch took; and GET /api/v1/deposits/{id} on that log against GET /api/health.
 *
 *   npx tsx --conditions=react-server bench/proofs.ts [--quick] [--leaves N] [--samples N]
 */
import { runLogReadsBenchmark } from './lib/log-reads-benchmark';
import { benchOptions } from './lib/options';
import { publishRun } from './lib/publish-run';

const options = benchOptions('proofs');
await publishRun('proofs', options, [() => runLogReadsBenchmark(options, { proofs: true, lookups: false })]);
