/**
 * Command-line options shared by the benchmarks. `--quick` shrinks every phase so a whole
 * script finishes in well under a minute (a smoke run: the figures are not the real ones).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { ClientKind } from './http-client';
import { phaseDefaults } from './run-phase';
import { wrkAvailable } from './wrk';

export interface BenchOptions {
  quick: boolean;
  /** Length of each measured load phase. */
  durationMs: number;
  /** Unmeasured load before each phase, so the server's routes are loaded and JIT-compiled. */
  warmupMs: number;
  /** Size of the log built for the proof and lookup benchmarks. */
  leaves: number;
  /** Sequential samples per latency measurement (proofs, SELECT 1, GET by id). */
  samples: number;
  /** Also run the single-deposit load once under `node --cpu-prof` and summarise the profile. */
  profile: boolean;
  /** The load generator's HTTP client: node:http with a keep-alive Agent (default), or fetch. */
  client: ClientKind;
  /** Who generates the many-client phases (health, single deposits, lookups): wrk when installed, else this process. */
  load: 'wrk' | 'node';
  command: string;
  /** The script's own options (`extra` of benchOptions), as parsed. */
  own: Record<string, string | boolean | undefined>;
}

export function benchOptions(script: string, extra: NonNullable<ParseArgsConfig['options']> = {}): BenchOptions {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      leaves: { type: 'string' },
      samples: { type: 'string' },
      profile: { type: 'boolean', default: false },
      client: { type: 'string', default: 'http' },
      load: { type: 'string' },
      ...extra,
    },
    allowPositionals: false,
  });
  const quick = values.quick ?? false;
  const num = (v: string | undefined, fallback: number, name: string) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${v}"`);
    return n;
  };
  const client = values.client;
  if (client !== 'http' && client !== 'fetch') throw new Error(`--client must be http or fetch, got "${client}"`);
  const load = values.load ?? (wrkAvailable() ? 'wrk' : 'node');
  if (load !== 'wrk' && load !== 'node') throw new Error(`--load must be wrk or node, got "${load}"`);
  if (load === 'wrk' && !wrkAvailable()) throw new Error('--load wrk: wrk is not installed (apt-get install wrk)');
  const args = process.argv.slice(2).join(' ');
  // A smoke run must stay short even on a busy machine; a real run waits for quiet.
  phaseDefaults.quietWaitMs = quick ? 0 : 120_000;
  return {
    quick,
    durationMs: num(values.duration, quick ? 1 : 30, 'duration') * 1000,
    warmupMs: num(values.warmup, quick ? 0.5 : 5, 'warmup') * 1000,
    leaves: Math.round(num(values.leaves, quick ? 20_000 : 1_000_000, 'leaves')),
    samples: Math.round(num(values.samples, quick ? 500 : 10_000, 'samples')),
    profile: values.profile ?? false,
    client,
    load,
    command: `npx tsx --conditions=react-server bench/${script}.ts${args ? ` ${args}` : ''}`,
    own: Object.fromEntries(
      Object.keys(extra).map((k) => [k, (values as Record<string, string | boolean | undefined>)[k]]),
    ),
  };
}
