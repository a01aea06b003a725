/**
 * Browser hashing (issues #4 and #15): how fast headless Chromium hashes a 1 GiB random file
 * through lib/hashing's real page-side queue and Web Worker, against `sha256sum` and
 * `openssl dgst -sm3` on the same file in the same run (page cache hot for all of them).
 *
 *   npm run bench:hashing [-- --quick] [--size-mib 1024] [--runs 5] [--steps] [--kernels] [--profile] [--no-wait]
 *
 * The figure the goal is about — both digests as /verify computes them, against
 * `openssl dgst -sm3` (goal ≥ 0.75×) and `sha256sum` — is printed last, on its own.
 *
 * The browser side is `bench/lib/hashing-harness-page.ts`: lib/hashing's `HashQueue` with the real
 * `hash.worker.ts`, the two objects `useFileHashing` creates on /verify, bundled by esbuild and
 * served from memory; the file is chosen through a file input (`setInputFiles` with a path, so the
 * `File` is backed by the disk file as when a user picks one). A run is timed in the page from
 * `add()` to the job's `done` state: worker start-up, WebAssembly instantiation and progress
 * messages count. Every digest is checked against the command-line tools'. Each round measures
 * the references and every browser configuration in turn, so a burst of other work on the
 * machine hits them alike; the CPU time Chromium's processes used is recorded for each run.
 *
 * - `--steps` adds the earlier states of /verify in the same rounds, so each step's gain is
 *   measured against the same references: hash-wasm's hashers with every worker reading the file
 *   (before issue #15), then the file read once and relayed, then our own SM3, then our own
 *   SHA-256 (today's); and today's hashers with every worker reading, for the relay's share.
 * - `--kernels` measures the hashers alone in the page, on bytes in memory, by the renderer's CPU
 *   time against the tools' CPU time (robust to other load on the machine): hash-wasm's and the
 *   variants of our module's source (`lib/hashing/wasm/*-wat.ts` options).
 * - `--profile` adds the reading variants (read size, BYOB or default reader, slices, alone or
 *   twice at once) and hashers in one worker, timed inside an experiment worker.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { Algorithm } from '../lib/hashing/digests';
import { buildDigestsWasm } from '../lib/hashing/wasm/build-wasm';
import type { DigestsWatOptions } from '../lib/hashing/wasm/module-wat';
import { chromiumLaunch } from '../playwright.config';
import { measuredQuietly, takeCpuSnapshot } from './lib/cpu-accounting';
import type { ExperimentRequest, ExperimentResult } from './lib/hashing-experiment.worker';
import type { HarnessJob, HarnessRun } from './lib/hashing-harness-page';
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
    steps: { type: 'boolean', default: false },
    kernels: { type: 'boolean', default: false },
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

/** CPU seconds Chromium's processes used during one sample, by process type. */
interface ChromiumCpu {
  browser: number;
  renderer: number;
  other: number;
}

interface Sample {
  ms: number;
  otherCores: number;
  cpu?: ChromiumCpu;
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

function mbPerSecond(ms: number, bytes = sizeBytes): number {
  return bytes / 1e6 / (ms / 1000);
}

function summary(series: Series) {
  const rates = series.samples.map((s) => mbPerSecond(s.ms));
  const cpu = series.samples.flatMap((s) => (s.cpu ? [s.cpu] : []));
  const perGB = (pick: (c: ChromiumCpu) => number) => round(median(cpu.map(pick)) / (sizeBytes / 1e9), 2);
  return {
    name: series.name,
    medianMs: round(median(series.samples.map((s) => s.ms)), 1),
    medianMBps: round(median(rates), 1),
    minMBps: round(Math.min(...rates), 1),
    maxMBps: round(Math.max(...rates), 1),
    otherCoresMax: Math.max(...series.samples.map((s) => s.otherCores)),
    samplesMs: series.samples.map((s) => round(s.ms, 1)),
    /** Median CPU seconds per GB hashed, in Chromium's browser process and in its renderer (page and workers). */
    cpuSecondsPerGB:
      cpu.length > 0
        ? { browser: perGB((c) => c.browser), renderer: perGB((c) => c.renderer), other: perGB((c) => c.other) }
        : undefined,
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

/** CPU seconds used so far by Chromium's live processes (this process's descendants), by type. */
function chromiumCpuNow(): ChromiumCpu {
  const { procs } = takeCpuSnapshot();
  const tree = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, stat] of procs) {
      if (!tree.has(pid) && tree.has(stat.ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  tree.delete(process.pid);
  const cpu: ChromiumCpu = { browser: 0, renderer: 0, other: 0 };
  for (const pid of tree) {
    let type = 'browser';
    try {
      type = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
    } catch {
      continue; // exited meanwhile
    }
    const seconds = (procs.get(pid)?.ticks ?? 0) / TICKS_PER_SECOND;
    if (type === 'browser' || type === 'renderer') cpu[type] += seconds;
    else cpu.other += seconds;
  }
  return cpu;
}

function cpuSince(before: ChromiumCpu): ChromiumCpu {
  const now = chromiumCpuNow();
  return {
    browser: now.browser - before.browser,
    renderer: now.renderer - before.renderer,
    other: now.other - before.other,
  };
}

async function timeIt(fn: () => Promise<void> | void): Promise<Sample> {
  let reaped = 0;
  let cpu: ChromiumCpu | undefined;
  const { result, otherCores } = await measuredQuietly(MINE, quietWaitMs, async () => {
    const before = reapedChildrenSeconds();
    const chromiumBefore = chromiumCpuNow();
    const t0 = process.hrtime.bigint();
    await fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    cpu = cpuSince(chromiumBefore);
    reaped = (reapedChildrenSeconds() - before) / (ms / 1000);
    return ms;
  });
  // A command-line tool has exited before the CPU snapshot after it, so measuredQuietly counts
  // its CPU as other people's; it is this process's reaped children's time, given back here.
  return { ms: result, otherCores: Math.max(0, Math.round((otherCores - reaped) * 100) / 100), cpu };
}

/** The browser configurations measured in every round; `goal` is /verify as it is. */
const GOAL = 'SHA-256 + SM3 as /verify (a worker per algorithm, file read once)';
const SHA_ALONE = 'SHA-256 alone (one worker)';
const SM3_ALONE = 'SM3 alone (one worker)';
const BOTH: Algorithm[][] = [['sha256'], ['sm3']];
const configurations: Record<string, HarnessJob> = {
  [SHA_ALONE]: { plan: [['sha256']] },
  [SM3_ALONE]: { plan: [['sm3']] },
  [GOAL]: { plan: BOTH },
};
/** The steps from the state before issue #15 to today's (`--steps`), in order; the last is today's. */
const STEPS: Array<{ label: string; name: string; job: HarnessJob }> = [
  {
    label: 'step 0, before',
    name: 'hash-wasm hashers, every worker reads the file',
    job: { plan: BOTH, worker: 'hash.worker.hash-wasm', readOnce: false },
  },
  {
    label: 'step 1',
    name: 'hash-wasm hashers, the file read once and relayed',
    job: { plan: BOTH, worker: 'hash.worker.hash-wasm', readOnce: true },
  },
  {
    label: 'step 2',
    name: 'hash-wasm SHA-256, our SM3, the file read once',
    job: { plan: BOTH, worker: 'hash.worker.hash-wasm-sha256', readOnce: true },
  },
  { label: 'step 3, today', name: GOAL, job: { plan: BOTH } },
];
/** Today's hashers with every worker reading the file: what relaying buys now (`--steps`). */
const EACH_READS = 'our hashers, every worker reads the file';
if (args.steps) {
  for (const step of STEPS) configurations[step.name] ??= step.job;
  configurations[EACH_READS] = { plan: BOTH, readOnce: false };
}

/** Module variants for `--kernels`: our source with non-default options, and the default. */
const KERNEL_VARIANTS: Array<{ name: string; algorithm: Algorithm; options: DigestsWatOptions | null }> = [
  { name: 'SM3, hash-wasm', algorithm: 'sm3', options: null },
  { name: 'SM3, ours: SIMD expansion before the rounds', algorithm: 'sm3', options: { sm3: { expansion: 'simd' } } },
  { name: 'SM3, ours: expansion in the rounds, 4 ahead', algorithm: 'sm3', options: { sm3: { lead: 4 } } },
  { name: 'SM3, ours: expansion in the rounds, 8 ahead (built)', algorithm: 'sm3', options: {} },
  { name: 'SHA-256, hash-wasm', algorithm: 'sha256', options: null },
  { name: 'SHA-256, ours: schedule 1 round ahead', algorithm: 'sha256', options: { sha256: { lead: 1 } } },
  { name: 'SHA-256, ours: schedule 8 rounds ahead (built)', algorithm: 'sha256', options: {} },
];

const startedAt = new Date().toISOString();
const machine = machineInfo();
const dir = mkdtempSync(path.join(tmpdir(), 'verity-bench-hashing-'));
const file = path.join(dir, 'random.bin');
const failures: string[] = [];
const series: Series[] = [];
const profile: Array<ReturnType<typeof summary> & { variant: Omit<ExperimentRequest, 'file'>[]; reads?: number }> = [];
const kernels: Array<{ name: string; mbPerCpuSecond: number; samples: number[]; ratio: number; reference: string }> =
  [];
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
    const browserSeries = Object.keys(configurations).map((name): Series => ({ name, samples: [] }));
    const hashOnce = async (name: string) => {
      const job = configurations[name] as HarnessJob;
      const run: HarnessRun = await page.evaluate((j) => window.hashChosenFile(j), job);
      for (const algorithm of job.plan.flat()) {
        if (run.digests[algorithm] !== expected[algorithm]) {
          failures.push(`${name}: ${algorithm} from the browser ${run.digests[algorithm]} ≠ ${expected[algorithm]}`);
        }
      }
      return run;
    };
    console.log(`Chromium ${chromiumVersion}: warm-up runs…`);
    for (const name of new Set([GOAL, ...Object.keys(configurations)])) await hashOnce(name);
    for (let i = 0; i < runs; i++) {
      sha256sum.samples.push(await timeIt(() => void runTool('sha256sum', file)));
      opensslSm3.samples.push(await timeIt(() => void runTool('openssl', file)));
      for (const s of browserSeries) {
        let run: HarnessRun | undefined;
        const sample = await timeIt(async () => {
          run = await hashOnce(s.name);
        });
        // The page's own clock (add() → done), not the round trip through Playwright.
        s.samples.push({ ...sample, ms: run?.ms ?? sample.ms });
      }
      const line = [sha256sum, opensslSm3, ...browserSeries].map(
        (s) => `${s.name} ${mbPerSecond(s.samples[i]?.ms ?? 0).toFixed(0)} MB/s (other ${s.samples[i]?.otherCores})`,
      );
      console.log(`  round ${i + 1}/${runs}: ${line.join(', ')}`);
    }
    series.push(sha256sum, opensslSm3, ...browserSeries);

    if (args.kernels) await measureKernels(page, file);
    if (args.profile) await runProfile(page, expected);
  } finally {
    await browser.close();
    await harness.close();
  }
} finally {
  cleanUp();
}

/** `--kernels`: each hasher alone on 256 MiB in memory, MB per CPU-second of the renderer, against the tools' CPU time. */
async function measureKernels(page: import('@playwright/test').Page, filePath: string) {
  const mib = Math.min(256, sizeBytes / MiB);
  const repeats = 2;
  const toolRate = (tool: 'sha256sum' | 'openssl') => {
    const before = reapedChildrenSeconds();
    runTool(tool, filePath);
    return sizeBytes / 1e6 / (reapedChildrenSeconds() - before);
  };
  const modules = new Map<string, string | null>();
  for (const v of KERNEL_VARIANTS) {
    modules.set(v.name, v.options ? Buffer.from(await buildDigestsWasm(v.options)).toString('base64') : null);
  }
  const samples = new Map<string, number[]>(KERNEL_VARIANTS.map((v) => [v.name, []]));
  const references = { sha256: [] as number[], sm3: [] as number[] };
  const digests = new Map<Algorithm, Set<string>>([
    ['sha256', new Set()],
    ['sm3', new Set()],
  ]);
  for (let i = 0; i < Math.max(3, runs); i++) {
    references.sha256.push(toolRate('sha256sum'));
    references.sm3.push(toolRate('openssl'));
    for (const v of KERNEL_VARIANTS) {
      const before = chromiumCpuNow();
      const digest = await page.evaluate((r) => window.runKernel(r), {
        algorithm: v.algorithm,
        module: modules.get(v.name) ?? null,
        mib,
        repeats,
      });
      const seconds = cpuSince(before).renderer;
      digests.get(v.algorithm)?.add(digest);
      samples.get(v.name)?.push((mib * MiB * repeats) / 1e6 / seconds);
    }
  }
  for (const [algorithm, seen] of digests) {
    if (seen.size !== 1) failures.push(`kernels: the ${algorithm} variants disagree (${[...seen].join(', ')})`);
  }
  for (const v of KERNEL_VARIANTS) {
    const rates = samples.get(v.name) ?? [];
    const reference = v.algorithm === 'sm3' ? references.sm3 : references.sha256;
    const value = median(rates);
    kernels.push({
      name: v.name,
      mbPerCpuSecond: round(value, 1),
      samples: rates.map((r) => round(r, 1)),
      ratio: round(value / median(reference), 2),
      reference: `${v.algorithm === 'sm3' ? 'openssl dgst -sm3' : 'sha256sum'} ${round(median(reference), 1)} MB per CPU-second`,
    });
    console.log(
      `  kernel: ${v.name}: ${value.toFixed(0)} MB per CPU-second = ${(value / median(reference)).toFixed(2)}×`,
    );
  }
}

/** `--profile`: reading and hashing variants inside an experiment worker. */
async function runProfile(page: import('@playwright/test').Page, expected: Record<Algorithm, string>) {
  const byob = (algorithms: Algorithm[], chunkSize = 4 * MiB): Omit<ExperimentRequest, 'file'> => ({
    algorithms,
    chunkSize,
    reader: 'byob',
  });
  const variants: Array<{ name: string; requests: Omit<ExperimentRequest, 'file'>[] }> = [
    { name: 'read alone, BYOB 4 MiB', requests: [byob([])] },
    { name: 'read alone, BYOB 1 MiB', requests: [byob([], MiB)] },
    { name: 'read alone, default reader', requests: [{ algorithms: [], chunkSize: 0, reader: 'default' }] },
    {
      name: 'read alone, file.slice().arrayBuffer() 4 MiB',
      requests: [{ algorithms: [], chunkSize: 4 * MiB, reader: 'slices' }],
    },
    { name: 'read alone ×2 (two workers)', requests: [byob([]), byob([])] },
    {
      name: 'SHA-256, hashStream 4 MiB',
      requests: [{ algorithms: ['sha256'], chunkSize: 4 * MiB, reader: 'hashStream' }],
    },
    { name: 'SHA-256, BYOB loop 4 MiB', requests: [byob(['sha256'])] },
    { name: 'SHA-256, BYOB loop, hash-wasm', requests: [{ ...byob(['sha256']), hashers: 'hash-wasm' }] },
    { name: 'SM3, hashStream 4 MiB', requests: [{ algorithms: ['sm3'], chunkSize: 4 * MiB, reader: 'hashStream' }] },
    { name: 'SM3, BYOB loop, hash-wasm', requests: [{ ...byob(['sm3']), hashers: 'hash-wasm' }] },
    { name: 'both in one worker', requests: [byob(['sha256', 'sm3'])] },
    { name: 'both, one worker each, each reads', requests: [byob(['sha256']), byob(['sm3'])] },
  ];
  for (const variant of variants) {
    const samples: Sample[] = [];
    let reads: number | undefined;
    for (let i = 0; i < 3; i++) {
      let result: { ms: number; workers: ExperimentResult[] } | undefined;
      const sample = await timeIt(async () => {
        result = await page.evaluate((r) => window.runExperiment(r), variant.requests);
      });
      for (const w of result?.workers ?? []) {
        for (const [algorithm, hex] of Object.entries(w.digests)) {
          if (hex !== expected[algorithm as Algorithm]) failures.push(`profile ${variant.name}: ${algorithm} differs`);
        }
        if (w.bytes !== sizeBytes) failures.push(`profile ${variant.name}: read ${w.bytes} bytes`);
      }
      reads = result?.workers[0]?.reads;
      samples.push({ ...sample, ms: result?.ms ?? sample.ms });
    }
    const s = summary({ name: variant.name, samples });
    profile.push({ ...s, variant: variant.requests, reads });
    const cpu = s.cpuSecondsPerGB;
    console.log(
      `  profile: ${variant.name}: ${s.medianMBps} MB/s${cpu ? `, CPU-s per GB: browser ${cpu.browser}, renderer ${cpu.renderer}` : ''}`,
    );
  }
}

const byName = new Map(series.map((s) => [s.name, summary(s)]));
const get = (name: string) => {
  const s = byName.get(name);
  if (!s) throw new Error(`no series ${name}`);
  return s;
};
const ref256 = get('sha256sum');
const refSm3 = get('openssl dgst -sm3');
const goal = get(GOAL);
/** Median over rounds of a series' rate divided by the reference's in the same round. */
const roundRatio = (s: string, reference: string) =>
  round(
    median((byName.get(s)?.samplesMs ?? []).map((ms, i) => (byName.get(reference)?.samplesMs[i] ?? Number.NaN) / ms)),
    2,
  );
const section = `headless Chromium, ${sizeBytes / MiB} MiB random file, median of ${runs}`;
const mbps = (s: ReturnType<typeof summary>) => ({ name: `${s.name} (page cache)`, value: s.medianMBps, unit: 'MB/s' });
const browserFigure = (name: string, reference: ReturnType<typeof summary>, goalRatio?: number): Figure => {
  const s = get(name);
  return {
    section,
    metric: name,
    value: s.medianMBps,
    unit: 'MB/s',
    reference: mbps(reference),
    goal: goalRatio ? { op: '>=', value: round(goalRatio * reference.medianMBps, 1) } : undefined,
    otherCores: Math.max(s.otherCoresMax, reference.otherCoresMax),
  };
};
const commandLine = `command line, ${sizeBytes / MiB} MiB, median of ${runs}`;
const figures: Figure[] = [
  {
    section: commandLine,
    metric: 'sha256sum',
    value: ref256.medianMBps,
    unit: 'MB/s',
    otherCores: ref256.otherCoresMax,
  },
  {
    section: commandLine,
    metric: 'openssl dgst -sm3',
    value: refSm3.medianMBps,
    unit: 'MB/s',
    otherCores: refSm3.otherCoresMax,
  },
  { ...browserFigure(SHA_ALONE, ref256, 0.75), metric: `${SHA_ALONE} (goal ≥ 0.75 × sha256sum)` },
  browserFigure(SM3_ALONE, refSm3),
  ...(args.steps
    ? [
        ...STEPS.slice(0, -1).map((step) => ({
          ...browserFigure(step.name, refSm3),
          metric: `${step.label}: ${step.name}`,
        })),
        browserFigure(EACH_READS, refSm3),
      ]
    : []),
  { ...browserFigure(GOAL, ref256, 0.5), metric: `${GOAL} (goal ≥ 0.5 × sha256sum)` },
  { ...browserFigure(GOAL, refSm3, 0.75), metric: `${GOAL} (goal ≥ 0.75 × openssl dgst -sm3)` },
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
  details: {
    failures,
    fileBytes: sizeBytes,
    runs,
    series: series.map(summary),
    roundRatios: Object.fromEntries(
      series
        .slice(2)
        .map((s) => [
          s.name,
          { opensslSm3: roundRatio(s.name, 'openssl dgst -sm3'), sha256sum: roundRatio(s.name, 'sha256sum') },
        ]),
    ),
    kernels,
    profile,
    tools: toolVersions(),
  },
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
if (args.steps) {
  console.log('\nWhat each step gained (median MB/s, ratio to openssl dgst -sm3 of the same run):');
  const gain = (now: number, before: number) => `${now >= before ? '+' : ''}${round((now / before - 1) * 100, 0)} %`;
  let previous: number | undefined;
  for (const step of STEPS) {
    const s = get(step.name);
    const change = previous ? ` (${gain(s.medianMBps, previous)} on the step before)` : '';
    console.log(
      `  ${step.label}: ${step.name}: ${s.medianMBps} MB/s, ${round(s.medianMBps / refSm3.medianMBps, 2)}×${change}`,
    );
    previous = s.medianMBps;
  }
  const eachReads = get(EACH_READS);
  console.log(
    `  ${EACH_READS}: ${eachReads.medianMBps} MB/s: reading once buys ${gain(goal.medianMBps, eachReads.medianMBps)} with today's hashers`,
  );
}
const cpu = goal.cpuSecondsPerGB;
const goalRatio = goal.medianMBps / refSm3.medianMBps;
console.log(
  [
    '',
    `GOAL — both digests as /verify computes them, ${sizeBytes / MiB} MiB, median of ${runs}:`,
    `  ${goal.medianMBps} MB/s (runs ${goal.minMBps}–${goal.maxMBps})`,
    `  = ${goalRatio.toFixed(2)}× openssl dgst -sm3 (${refSm3.medianMBps} MB/s; median of per-round ratios ${roundRatio(GOAL, 'openssl dgst -sm3')}×)`,
    `  = ${(goal.medianMBps / ref256.medianMBps).toFixed(2)}× sha256sum (${ref256.medianMBps} MB/s; median of per-round ratios ${roundRatio(GOAL, 'sha256sum')}×)`,
    `  goal ≥ 0.75× openssl dgst -sm3: ${goalRatio >= 0.75 ? 'MET' : 'NOT MET'}; other processes used up to ${goal.otherCoresMax} cores during these runs`,
    cpu ? `  Chromium CPU per GB: browser process ${cpu.browser} s, renderer (page + workers) ${cpu.renderer} s` : '',
  ].join('\n'),
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
