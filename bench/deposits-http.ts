/**
 * Deposit throughput and latency over HTTP (issue: ledger benchmarks).
 *
 * - single deposits (one statement per POST, wait=true: answered once sealed) from 256
 *   concurrent clients, on 1 and on 2 production servers: deposits/s, p50/p99 latency;
 *   reference: GET /api/health with the same clients on the same servers;
 * - batches of 1000 (4 concurrent clients): deposits/s; reference: this PostgreSQL's plain
 *   INSERT … unnest of 1000 leaf-like rows with the same concurrency;
 * - where the time goes: CPU per deposit by process (server, PostgreSQL, load generator),
 *   the sequencer's batch sizes, sealBatch timed on its own, a durable commit, a bare
 *   node:http server as the machine's HTTP ceiling, and with --profile the servers' CPU
 *   profile by package and function.
 *
 *   npx tsx --conditions=react-server bench/deposits-http.ts [--quick] [--profile] [--client fetch]
 */
import { runDepositsBenchmark } from './lib/deposits-benchmark';
import { benchOptions } from './lib/options';
import { publishRun } from './lib/publish-run';

const options = benchOptions('deposits-http');
await publishRun('deposits-http', options, [() => runDepositsBenchmark(options)]);
