/**
 * Every ledger benchmark in one run (issue: ledger benchmarks): deposits over HTTP (single and
 * batched, 1 and 2 servers), then one log of `--leaves` (default 1,000,000) for inclusion
 * proofs, GET by id and lookups by digest. See bench/README.md.
 *
 *   npx tsx --conditions=react-server bench/ledger.ts [--quick] [--profile]
 */
import { runDepositsBenchmark } from './lib/deposits-benchmark';
import { runLogReadsBenchmark } from './lib/log-reads-benchmark';
import { benchOptions } from './lib/options';
import { publishRun } from './lib/publish-run';

const options = benchOptions('ledger');
await publishRun('ledger', options, [
  () => runDepositsBenchmark(options),
  () => runLogReadsBenchmark(options, { proofs: true, lookups: true }),
]);
