/**
 * Memory of a cluster's processes over a run, from /proc (Linux): VmRSS of each portal server's
 * processes (front server and Next.js) and of PostgreSQL, sampled at an interval, and the rule
 * that says whether a series is bounded.
 *
 * PostgreSQL is counted as the postmaster's VmRSS plus its children's private memory (RssAnon):
 * every backend maps the shared buffers, and summing their VmRSS would count those once per
 * connection, so a pool opening its connections would look like a leak.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface MemorySeries {
  name: string;
  /** [ms since the start, kB] */
  samples: Array<[number, number]>;
}

export interface MemoryVerdict {
  name: string;
  startKb: number;
  peakKb: number;
  endKb: number;
  /** Peak of the last third of the run after warm-up, against the peak of its first two thirds. */
  latePeakKb: number;
  earlyPeakKb: number;
  bounded: boolean;
}

function statusKb(pid: number, field: 'VmRSS' | 'RssAnon'): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // exited meanwhile
  }
}

/** The processes whose parent is `pid`. */
export function childPids(pid: number): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

/** PostgreSQL's memory: the postmaster's resident set plus the private memory of its children. */
export function postgresKb(postmaster: number): number {
  return statusKb(postmaster, 'VmRSS') + childPids(postmaster).reduce((sum, pid) => sum + statusKb(pid, 'RssAnon'), 0);
}

/**
 * What a portal server's process is, from its command line: the tsx launcher of
 * scripts/serve-portal.ts, the front server itself, one of its workers, or Next.js.
 */
export function processName(pid: number): string {
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return 'gone';
  }
  const line = argv.join(' ');
  if (/next-server|next[/\\]dist[/\\]bin[/\\]next/.test(line) || /^next-server/.test(argv[0] ?? '')) return 'Next.js';
  if (line.includes('front-worker')) return 'front worker';
  if (line.includes('tsx/dist/cli')) return 'tsx launcher';
  if (line.includes('serve-portal')) return 'front server';
  return (argv[0] ?? '').split('/').at(-1) || 'process';
}

export function processKb(pid: number): number {
  return statusKb(pid, 'VmRSS');
}

/**
 * Samples each source every `intervalMs` until stopped. A source answers the kB of what it
 * measures, or 0 when its process is gone (a sample of 0 is not kept).
 */
export function sampleMemory(
  sources: ReadonlyArray<{ name: string; kb: () => number }>,
  intervalMs: number,
): { series: MemorySeries[]; stop: () => MemorySeries[] } {
  const start = performance.now();
  const series = sources.map((s) => ({ name: s.name, samples: [] as Array<[number, number]> }));
  const take = () => {
    const at = Math.round(performance.now() - start);
    sources.forEach((s, i) => {
      const kb = s.kb();
      if (kb > 0) series[i]?.samples.push([at, kb]);
    });
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    series,
    stop: () => {
      clearInterval(timer);
      take();
      return series;
    },
  };
}

/**
 * Bounded: after the warm-up (the first `warmupFraction` of the run: Next.js compiles and caches
 * pages, pools open connections), the peak of the last third is at most the peak of the first
 * two thirds plus `slack` (a fraction of it, and a floor in kB for noise: garbage collection
 * timing alone moves a Node.js process's resident set by a few MB). A leak of any steady rate
 * shows as a later peak above the earlier one; a plateau or a saw-tooth does not.
 */
export function judgeMemory(
  series: MemorySeries,
  options: { warmupFraction: number; slackFraction?: number; slackKb?: number },
): MemoryVerdict {
  const samples = series.samples;
  const last = samples.at(-1)?.[0] ?? 0;
  const after = samples.filter(([at]) => at >= last * options.warmupFraction);
  const cut = (after[0]?.[0] ?? 0) + ((last - (after[0]?.[0] ?? 0)) * 2) / 3;
  const peak = (list: Array<[number, number]>) => list.reduce((m, [, kb]) => Math.max(m, kb), 0);
  const earlyPeakKb = peak(after.filter(([at]) => at < cut));
  const latePeakKb = peak(after.filter(([at]) => at >= cut));
  const allowed = earlyPeakKb * (1 + (options.slackFraction ?? 0.1)) + (options.slackKb ?? 16 * 1024);
  return {
    name: series.name,
    startKb: samples[0]?.[1] ?? 0,
    peakKb: peak(samples),
    endKb: samples.at(-1)?.[1] ?? 0,
    latePeakKb,
    earlyPeakKb,
    bounded: samples.length >= 6 && latePeakKb <= allowed,
  };
}
