/**
 * Results: every figure beside a reference measured in the same run and their ratio, printed
 * as a table, written as JSON to bench/results/<name>-<date>.json, and summarised (newest run
 * of each benchmark) in bench/results/latest.md.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MachineInfo } from './machine';

export const RESULTS_DIR = path.resolve(import.meta.dirname, '..', 'results');

export interface Figure {
  /** What was measured, e.g. "single deposits, 1 server, 256 clients". */
  section: string;
  metric: string;
  value: number;
  unit: string;
  reference?: { name: string; value: number; unit: string };
  goal?: { op: '>=' | '<='; value: number };
  /** Cores other processes on the machine used while value and reference were measured (max of both). */
  otherCores?: number;
}

/** What one benchmark body returns, to be published alone or with others (bench/ledger.ts). */
export interface BenchSection {
  figures: Figure[];
  details: Record<string, unknown>;
  postgres: string;
  /** Anything that makes the figures untrustworthy (receipts or proofs that do not verify…). */
  failures: string[];
}

export interface BenchReport {
  name: string;
  command: string;
  quick: boolean;
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo & { postgres: string };
  figures: Figure[];
  /** Everything else worth keeping: CPU accounting, batch sizes, raw summaries. */
  details: Record<string, unknown>;
}

export function ratio(f: Figure): number | undefined {
  return f.reference && f.reference.value !== 0 ? f.value / f.reference.value : undefined;
}

export function goalMet(f: Figure): boolean | undefined {
  if (!f.goal) return undefined;
  return f.goal.op === '>=' ? f.value >= f.goal.value : f.value <= f.goal.value;
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}

function rows(figures: readonly Figure[]): string[][] {
  return figures.map((f) => {
    const r = ratio(f);
    const met = goalMet(f);
    return [
      f.section,
      f.metric,
      `${formatNumber(f.value)} ${f.unit}`,
      f.reference ? `${f.reference.name}: ${formatNumber(f.reference.value)} ${f.reference.unit}` : '—',
      r === undefined ? '—' : `${formatNumber(r)}×`,
      f.goal ? `${f.goal.op} ${formatNumber(f.goal.value)} ${f.unit}` : '—',
      met === undefined ? '—' : met ? 'met' : 'NOT met',
      f.otherCores === undefined ? '—' : `${f.otherCores.toFixed(2)}${f.otherCores > 0.2 ? ' (noisy)' : ''}`,
    ];
  });
}

const HEADER = ['measurement', 'metric', 'value', 'reference (same run)', 'ratio', 'goal', 'goal met', 'other load'];

export function printTable(figures: readonly Figure[]): void {
  const all = [HEADER, ...rows(figures)];
  const widths = HEADER.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ');
  console.log(`\n${line(HEADER)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
  for (const r of all.slice(1)) console.log(line(r));
  console.log('');
}

/** A Markdown table with padded columns, as Biome's formatter writes them (so `npm run lint` stays clean). */
export function markdownTable(figures: readonly Figure[]): string {
  const esc = (cell: string) => cell.replaceAll('|', '\\|');
  const all = [HEADER, ...rows(figures)].map((r) => r.map(esc));
  const widths = HEADER.map((_, c) => Math.max(3, ...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  const [header = [], ...body] = all;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** Writes the JSON result and regenerates latest.md; returns the JSON path. */
export function writeReport(report: BenchReport): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const file = path.join(RESULTS_DIR, `${report.name}${report.quick ? '-quick' : ''}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeLatest();
  return file;
}

/** latest.md: the newest full (non --quick) run of each benchmark found in bench/results. */
export function writeLatest(): void {
  const newest = new Map<string, BenchReport>();
  for (const f of readdirSync(RESULTS_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const r = JSON.parse(readFileSync(path.join(RESULTS_DIR, f), 'utf8')) as BenchReport;
    if (r.quick) continue;
    const seen = newest.get(r.name);
    if (!seen || seen.startedAt < r.startedAt) newest.set(r.name, r);
  }
  const parts = [
    '# Latest benchmark results',
    '',
    'Generated by the scripts in `bench/` from the newest full run of each benchmark in `bench/results/`',
    '(`--quick` runs are left out). Do not edit: rerun the benchmark. Analysis: `bench/RESULTS.md`.',
  ];
  // The raw JSON is git-ignored: a benchmark whose JSON is not in this checkout keeps its section.
  const kept = keptSections(new Set(newest.keys()));
  const names = [...new Set([...newest.keys(), ...kept.keys()])].sort((a, b) => a.localeCompare(b));
  for (const name of names) {
    const r = newest.get(name);
    if (!r) {
      parts.push('', (kept.get(name) ?? '').trimEnd());
      continue;
    }
    const m = r.machine;
    parts.push(
      '',
      `## ${r.name}`,
      '',
      `Run ${r.startedAt} → ${r.finishedAt} · \`${r.command}\``,
      '',
      `Machine: ${m.nproc} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.kernel}, Node ${m.node}, ${m.postgres}; ` +
        `load average at start ${m.loadAverageAtStart.join(' / ')}; commit ${m.gitCommit} (${m.gitDirty}).`,
      '',
      markdownTable(r.figures),
      '',
      '"other load": cores used by processes outside the benchmark during the measurement (other work on a shared machine); above 0.2 the figure is marked noisy.',
    );
  }
  writeFileSync(path.join(RESULTS_DIR, 'latest.md'), `${parts.join('\n')}\n`);
}

/** The sections (`## name` to the next) of the current latest.md whose benchmark is not in `fresh`. */
function keptSections(fresh: ReadonlySet<string>): Map<string, string> {
  const kept = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(path.join(RESULTS_DIR, 'latest.md'), 'utf8');
  } catch {
    return kept;
  }
  for (const chunk of text.split(/\n(?=## )/).slice(1)) {
    const name = /^## (\S+)/.exec(chunk)?.[1];
    if (name && !fresh.has(name)) kept.set(name, chunk);
  }
  return kept;
}

/** Prints the table, writes the JSON and latest.md, and says where. */
export function publish(report: BenchReport): void {
  printTable(report.figures);
  const file = writeReport(report);
  console.log(`results: ${path.relative(process.cwd(), file)} (summary: bench/results/latest.md)`);
}
