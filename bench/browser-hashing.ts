/**
 * Browser hashing (issue #4): how fast headless Chromium hashes a 1 GiB random file through
 * lib/hashing's real page-side queue and Web Worker, against `sha256sum` and `openssl dgst -sm3`
 * on the same file in the same run (page cache hot for all of them).
 *
 *   npm run bench:hashing [-- --quick] [--size-mib 1024] [--runs 5] [--profile] [--no-wait]
 *
 * The browser side is `bench/lib/hashing-harness-page.ts`: lib/hashing's `HashQueue` with the real
 * `hash.worker.ts`, the two objects `useFileHashing` creates on /verify, bundled by esbuild and
 * served from memory; the file is chosen through a file input (`setInputFiles` with a path, so the
 * `File` is backed by the disk file as when a user picks one). A run is timed in the page from
 * `add()` to the job's `done` state: worker start-up, WebAssembly instantiation and progress
 * messages count. Every digest is checked against the command-line tools'.
 * `--profile` adds the variants the issue asks about (read size, BYOB or default reader, both
 * hashers in one worker, reading alone), timed inside an experiment worker.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { Algorithm } from '../lib/hashing/digests';
import { chromiumLaunch } from '../playwright.config';
import { measuredQuietly } from './lib/cpu-accounting';
import type { ExperimentRequest, ExperimentResult } from './lib/hashing-experiment.worker';
import type { HarnessRun } from './lib/hashing-harness-page';
import { machineInfo } from './lib/machine';
import { writeRandomFile } from './lib/random-file';
import { type BenchReport, type Figure, printTable, RESULTS_DIR } from './lib/report';
import { serveHashingHarness } from './lib/serve-hashing-harness';
import { round } from './lib/stats';

const MiB = 1024 * 1024;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'size-mib': { type: 'string' },
    runs: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'no-wait': { type: 'boolean', default: false },
  },
});
const quick = args.quick ?? false;
const sizeBytes = Number(args['size-mib'] ?? (quick ? 128 : 1024)) * MiB;
const runs = Number(args.runs ?? (quick ? 3 : 5));
if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) throw new Error('--size-mib must be a positive integer');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
/** Before each sample, wait (bounded) for other people's work on the machine to stop. */
const quietWaitMs = quick || args['no-wait'] ? 0 : 30_000;
const MINE = { mine: [process.pid] }; // this process and its children (the tools, Chromium)
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const command = `npm run bench:hashing${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

interface Sample {
  ms: number;
  otherCores: number;
}

interface Series {
  name: string;
  samples: Sample[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function mbPerSecond(ms: number): number {
  return sizeBytes / 1e6 / (ms / 1000);
}

function summary(series: Series) {
  const rates = series.samples.map((s) => mbPerSecond(s.ms));
  return {
    name: series.name,
    medianMs: round(median(series.samples.map((s) => s.ms)), 1),
    medianMBps: round(median(rates), 1),
    minMBps: round(Math.min(...rates), 1),
    maxMBps: round(Math.max(...rates), 1),
    otherCoresMax: Math.max(...series.samples.map((s) => s.otherCores)),
    samplesMs: series.samples.map((s) => round(s.ms, 1)),
  };
}

/** Runs a command-line hasher on the file and returns its hex digest (first field of its output). */
function runTool(tool: 'sha256sum' | 'openssl', file: string): string {
  const argv = tool === 'sha256sum' ? [file] : ['dgst', '-sm3', '-r', file];
  const out = spawnSync(tool, argv, { encoding: 'utf8', maxBuffer: 1 * MiB });
  if (out.status !== 0) throw new Error(`${tool} failed: ${out.stderr}`);
  return out.stdout.trim().split(/\s+/)[0] ?? '';
}

/** CPU seconds of this process's children that have exited and been waited for (cutime + cstime). */
function reapedChildrenSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

async function timeIt(fn: () => Promise<void> | void): Promise<Sample> {
  let reaped = 0;
  const { result, otherCores } = await measuredQuietly(MINE, quietWaitMs, async () => {
    const before = reapedChildrenSeconds();
    const t0 = process.hrtime.bigint();
    await fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    reaped = (reapedChildrenSeconds() - before) / (ms / 1000);
    return ms;
  });
  // A command-line tool has exited before the CPU snapshot after it, so measuredQuietly counts
  // its CPU as other people's; it is this process's reaped children's time, given back here.
  return { ms: result, otherCores: Math.max(0, Math.round((otherCores - reaped) * 100) / 100) };
}

const startedAt = new Date().toISOString();
const machine = machineInfo();
const dir = mkdtempSync(path.join(tmpdir(), 'verity-bench-hashing-'));
const file = path.join(dir, 'random.bin');
const failures: string[] = [];
const series: Series[] = [];
const profile: Array<ReturnType<typeof summary> & { variant: Omit<ExperimentRequest, 'file'>[]; reads?: number }> = [];
let chromiumVersion = 'unknown';
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

try {
  console.log(`writing ${sizeBytes / MiB} MiB of random bytes to ${file}…`);
  writeRandomFile(file, sizeBytes);

  // The first run of each tool is the warm-up read (page cache, binaries) and gives the expected digests.
  const expected = { sha256: runTool('sha256sum', file), sm3: runTool('openssl', file) };
  const sha256sum: Series = { name: 'sha256sum', samples: [] };
  const opensslSm3: Series = { name: 'openssl dgst -sm3', samples: [] };

  const harness = await serveHashingHarness();
  const browser = await chromium.launch({ ...chromiumLaunch, headless: true });
  chromiumVersion = browser.version();
  try {
    const page = await browser.newPage();
    await page.goto(harness.url);
    await page.locator('#file').setInputFiles(file);
    const plans: Record<string, Algorithm[][]> = {
      'SHA-256 alone (one worker)': [['sha256']],
      'SM3 alone (one worker)': [['sm3']],
      'SHA-256 + SM3 (one worker per algorithm, as /verify)': [['sha256'], ['sm3']],
    };
    const browserSeries = Object.keys(plans).map((name): Series => ({ name, samples: [] }));
    const hashOnce = async (plan: Algorithm[][]) => {
      const run: HarnessRun = await page.evaluate((p) => window.hashChosenFile(p), plan);
      for (const algorithm of plan.flat()) {
        if (run.digests[algorithm] !== expected[algorithm]) {
          failures.push(`${algorithm} from the browser ${run.digests[algorithm]} ≠ ${expected[algorithm]}`);
        }
      }
      return run;
    };
    console.log(`Chromium ${chromiumVersion}: warm-up run…`);
    await hashOnce(plans['SHA-256 + SM3 (one worker per algorithm, as /verify)'] ?? []);
    // Rounds of every measurement, references included, so a burst of other work on the
    // machine hits the browser figures and the references they are divided by alike.
    for (let i = 0; i < runs; i++) {
      sha256sum.samples.push(await timeIt(() => void runTool('sha256sum', file)));
      opensslSm3.samples.push(await timeIt(() => void runTool('openssl', file)));
      for (const s of browserSeries) {
        let run: HarnessRun | undefined;
        const sample = await timeIt(async () => {
          run = await hashOnce(plans[s.name] ?? []);
        });
        // The page's own clock (add() → done), not the round trip through Playwright.
        s.samples.push({ ms: run?.ms ?? sample.ms, otherCores: sample.otherCores });
      }
      const round = [sha256sum, opensslSm3, ...browserSeries].map(
        (s) => `${s.name} ${mbPerSecond(s.samples[i]?.ms ?? 0).toFixed(0)} MB/s (other ${s.samples[i]?.otherCores})`,
      );
      console.log(`  round ${i + 1}/${runs}: ${round.join(', ')}`);
    }
    series.push(sha256sum, opensslSm3);
    series.push(...browserSeries);

    if (args.profile) {
      const variants: Array<{ name: string; requests: Omit<ExperimentRequest, 'file'>[] }> = [
        { name: 'read alone, BYOB 4 MiB', requests: [{ algorithms: [], chunkSize: 4 * MiB, reader: 'byob' }] },
        { name: 'read alone, default reader', requests: [{ algorithms: [], chunkSize: 0, reader: 'default' }] },
        {
          name: 'read alone ×2 (two workers)',
          requests: [0, 1].map(() => ({ algorithms: [], chunkSize: 4 * MiB, reader: 'byob' as const })),
        },
        {
          name: 'SHA-256, hashStream 4 MiB',
          requests: [{ algorithms: ['sha256'], chunkSize: 4 * MiB, reader: 'hashStream' }],
        },
        ...[256 * 1024, 1 * MiB, 16 * MiB].map((chunkSize) => ({
          name: `SHA-256, BYOB ${chunkSize / MiB} MiB`,
          requests: [{ algorithms: ['sha256'] as Algorithm[], chunkSize, reader: 'byob' as const }],
        })),
        { name: 'SHA-256, default reader', requests: [{ algorithms: ['sha256'], chunkSize: 0, reader: 'default' }] },
        {
          name: 'SM3, hashStream 4 MiB',
          requests: [{ algorithms: ['sm3'], chunkSize: 4 * MiB, reader: 'hashStream' }],
        },
        {
          name: 'both in one worker, hashStream 4 MiB',
          requests: [{ algorithms: ['sha256', 'sm3'], chunkSize: 4 * MiB, reader: 'hashStream' }],
        },
        {
          name: 'both, one worker each, hashStream 4 MiB',
          requests: [
            { algorithms: ['sha256'], chunkSize: 4 * MiB, reader: 'hashStream' },
            { algorithms: ['sm3'], chunkSize: 4 * MiB, reader: 'hashStream' },
          ],
        },
      ];
      for (const variant of variants) {
        const samples: Sample[] = [];
        let reads: number | undefined;
        for (let i = 0; i < Math.max(3, Math.min(runs, 3)); i++) {
          let result: { ms: number; workers: ExperimentResult[] } | undefined;
          const sample = await timeIt(async () => {
            result = await page.evaluate((r) => window.runExperiment(r), variant.requests);
          });
          for (const w of result?.workers ?? []) {
            for (const [algorithm, hex] of Object.entries(w.digests)) {
              if (hex !== expected[algorithm as Algorithm])
                failures.push(`profile ${variant.name}: ${algorithm} differs`);
            }
            if (w.bytes !== sizeBytes) failures.push(`profile ${variant.name}: read ${w.bytes} bytes`);
          }
          reads = result?.workers[0]?.reads;
          samples.push({ ms: result?.ms ?? sample.ms, otherCores: sample.otherCores });
        }
        const s = summary({ name: variant.name, samples });
        profile.push({ ...s, variant: variant.requests, reads });
        console.log(`  profile: ${variant.name}: ${s.medianMBps} MB/s${reads ? ` (${reads} reads)` : ''}`);
      }
    }
  } finally {
    await browser.close();
    await harness.close();
  }
} finally {
  cleanUp();
}

const byName = new Map(series.map((s) => [s.name, summary(s)]));
const get = (name: string) => {
  const s = byName.get(name);
  if (!s) throw new Error(`no series ${name}`);
  return s;
};
const ref256 = get('sha256sum');
const refSm3 = get('openssl dgst -sm3');
const sha = get('SHA-256 alone (one worker)');
const sm3 = get('SM3 alone (one worker)');
const both = get('SHA-256 + SM3 (one worker per algorithm, as /verify)');
const section = `headless Chromium, ${sizeBytes / MiB} MiB random file, median of ${runs}`;
const mbps = (s: ReturnType<typeof summary>) => ({ name: `${s.name} (page cache)`, value: s.medianMBps, unit: 'MB/s' });
const figures: Figure[] = [
  {
    section: `command line, ${sizeBytes / MiB} MiB, median of ${runs}`,
    metric: 'sha256sum',
    value: ref256.medianMBps,
    unit: 'MB/s',
    otherCores: ref256.otherCoresMax,
  },
  {
    section: `command line, ${sizeBytes / MiB} MiB, median of ${runs}`,
    metric: 'openssl dgst -sm3',
    value: refSm3.medianMBps,
    unit: 'MB/s',
    otherCores: refSm3.otherCoresMax,
  },
  {
    section,
    metric: 'SHA-256 alone (goal ≥ 0.75 × sha256sum)',
    value: sha.medianMBps,
    unit: 'MB/s',
    reference: mbps(ref256),
    goal: { op: '>=', value: round(0.75 * ref256.medianMBps, 1) },
    otherCores: Math.max(sha.otherCoresMax, ref256.otherCoresMax),
  },
  {
    section,
    metric: 'SM3 alone',
    value: sm3.medianMBps,
    unit: 'MB/s',
    reference: mbps(refSm3),
    otherCores: Math.max(sm3.otherCoresMax, refSm3.otherCoresMax),
  },
  {
    section,
    metric: 'SHA-256 + SM3, as /verify (goal ≥ 0.5 × sha256sum)',
    value: both.medianMBps,
    unit: 'MB/s',
    reference: mbps(ref256),
    goal: { op: '>=', value: round(0.5 * ref256.medianMBps, 1) },
    otherCores: Math.max(both.otherCoresMax, ref256.otherCoresMax),
  },
  {
    section,
    metric: 'SHA-256 + SM3, as /verify',
    value: both.medianMBps,
    unit: 'MB/s',
    reference: mbps(refSm3),
    otherCores: Math.max(both.otherCoresMax, refSm3.otherCoresMax),
  },
];

// bench/results/latest.md is not regenerated here: it summarises the ledger runs, whose raw JSON
// may not be in this checkout, and writeLatest() would drop them. BENCHMARKS.md carries these figures.
const report: BenchReport & { machine: { chromium: string } } = {
  name: 'browser-hashing',
  command,
  quick,
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: { ...machine, postgres: 'none', chromium: chromiumVersion },
  figures,
  details: { failures, fileBytes: sizeBytes, runs, series: series.map(summary), profile, tools: toolVersions() },
};
printTable(figures);
mkdirSync(RESULTS_DIR, { recursive: true });
const stamp = startedAt.replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
const out = path.join(RESULTS_DIR, `browser-hashing${quick ? '-quick' : ''}-${stamp}.json`);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`results: ${path.relative(process.cwd(), out)}`);
console.log(
  `machine: ${machine.nproc} × ${machine.cpuModel}, Chromium ${chromiumVersion}, load average at start ${machine.loadAverageAtStart.join(' / ')}`,
);
if (failures.length > 0) {
  console.error(`FAILURES (${failures.length}): ${failures.slice(0, 5).join('; ')}`);
  process.exitCode = 1;
}

function toolVersions() {
  const first = (cmd: string, argv: string[]) => {
    try {
      return execFileSync(cmd, argv, { encoding: 'utf8' }).split('\n')[0] ?? '';
    } catch {
      return 'unknown';
    }
  };
  return { sha256sum: first('sha256sum', ['--version']), openssl: first('openssl', ['version']) };
}
