/**
 * Where a server's CPU goes, from V8's sampling profiler. Node 20 refuses `--cpu-prof` in
 * NODE_OPTIONS, so the servers are started with `--require` of a small preload (NODE_OPTIONS
 * is passed on by test/cluster) that profiles between two SIGUSR2 signals through
 * `node:inspector` and writes a .cpuprofile: the profile covers exactly one load phase. The
 * samples' self time is then summed by package and by function.
 * @see https://nodejs.org/api/inspector.html
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  profiledSeconds: number;
  /** Share of the sampled time (idle excluded) by package or area. */
  byArea: Array<{ area: string; percent: number }>;
  topFunctions: Array<{ fn: string; where: string; percent: number }>;
}

const preloadSource = (dir: string) => `
const inspector = require('node:inspector');
const fs = require('node:fs');
const dir = ${JSON.stringify(dir)};
let session;
process.on('SIGUSR2', () => {
  if (!session) {
    session = new inspector.Session();
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 1000 });
    session.post('Profiler.start');
    return;
  }
  const s = session;
  session = undefined;
  s.post('Profiler.stop', (error, result) => {
    if (error) return;
    // Written aside and renamed, so the benchmark never reads half a file.
    fs.writeFileSync(dir + '/' + process.pid + '.partial', JSON.stringify(result.profile));
    fs.renameSync(dir + '/' + process.pid + '.partial', dir + '/' + process.pid + '.cpuprofile');
    s.disconnect();
  });
});
`;

/** Runs `fn` with NODE_OPTIONS set so that Node processes it starts can be profiled (see profileWhile). */
export async function withProfilingPreload<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const preload = path.join(dir, 'profile-preload.cjs');
  writeFileSync(preload, preloadSource(dir));
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${saved ?? ''} --require ${preload}`.trim();
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
}

/** Profiles process `pid` (started under withProfilingPreload) while `fn` runs; returns the profile's path. */
export async function profileWhile<T>(
  dir: string,
  pid: number,
  fn: () => Promise<T>,
): Promise<{ result: T; file: string }> {
  process.kill(pid, 'SIGUSR2');
  const result = await fn();
  process.kill(pid, 'SIGUSR2');
  const written = path.join(dir, `${pid}.cpuprofile`);
  for (let i = 0; i < 100 && !existsSync(written); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(written)) throw new Error(`process ${pid} wrote no CPU profile within 10 s`);
  // The preload always writes <pid>.cpuprofile: move it aside so the next profile does not overwrite it.
  const file = path.join(dir, `${pid}-${Date.now()}.cpuprofile`);
  renameSync(written, file);
  return { result, file };
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const sourceMaps = new Map<string, SourceMap | null>();

/**
 * Turbopack bundles the app's code and most of its dependencies into minified chunks; their
 * source maps (written beside them) give the original file of a sampled position.
 */
function originalPosition(url: string, line: number, column: number): { file: string; line: number } | undefined {
  if (!url.startsWith('file://') || !url.includes('/.next')) return undefined;
  const chunk = fileURLToPath(url);
  let map = sourceMaps.get(chunk);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${chunk}.map`, 'utf8')));
    } catch {
      map = null;
    }
    sourceMaps.set(chunk, map);
  }
  const entry = map?.findEntry(line, column);
  if (!entry || !('originalSource' in entry)) return undefined;
  const absolute = path.resolve(
    path.dirname(chunk),
    entry.originalSource.replace(/^turbopack:\/\/\/(\[project\]\/)?/, ''),
  );
  return { file: decodeURIComponent(path.relative(ROOT, absolute)), line: entry.originalLine + 1 };
}

function packageOf(file: string): string | undefined {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
}

/** The package (or, for the project's own code, the folder) a sampled frame belongs to. */
function area(url: string, fn: string, file: string | undefined): string {
  if (fn === '(garbage collector)') return 'V8 garbage collector';
  if (fn === '(program)') return 'V8/native (program)';
  if (!url) return `native: ${fn || '(anonymous)'}`;
  if (url.includes('undici')) return 'Node.js web API (undici Request/Response/Headers)';
  if (url.includes('async_hooks')) return 'Node.js async_hooks (AsyncLocalStorage)';
  if (url.includes('webstreams')) return 'Node.js web streams';
  if (url.startsWith('node:')) return 'Node.js core (http, net, streams, buffers…)';
  const source = file ?? url.replace(/^file:\/\//, '');
  const pkg = packageOf(source);
  if (pkg) return `${pkg === 'next' ? 'next (framework)' : pkg}${file ? ' [bundled]' : ''}`;
  if (file) return `project: ${path.dirname(file)}`;
  if (source.startsWith(ROOT)) return `project: ${path.dirname(path.relative(ROOT, source))}`;
  return source;
}

/** Profiles this process while `fn` runs (for code the benchmark calls directly, such as sealBatch). */
export async function profileInProcess<T>(fn: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
    );
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 1000 });
    await post('Profiler.start');
    const result = await fn();
    const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

export function summarizeProfile(source: string | CpuProfile, top = 25): ProfileSummary {
  const file = typeof source === 'string' ? source : '(in process)';
  const profile = typeof source === 'string' ? (JSON.parse(readFileSync(source, 'utf8')) as CpuProfile) : source;
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  let total = 0;
  const areas = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  for (const [id, us] of selfUs) {
    const node = byNode.get(id);
    // (idle) is not work; the native `dispatch` at the end is the inspector stopping the profiler.
    if (!node || node.callFrame.functionName === '(idle)') continue;
    if (node.callFrame.functionName === 'dispatch' && !node.callFrame.url) continue;
    total += us;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const original = originalPosition(url, lineNumber, columnNumber);
    const a = area(url, functionName, original?.file);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const where = original
      ? `${original.file.replace(/^.*node_modules\//, '')}:${original.line}`
      : url
        ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`
        : '';
    const key = `${functionName}@${where}`;
    const entry = fns.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    fns.set(key, entry);
  }
  const pct = (us: number) => round((100 * us) / total, 1);
  return {
    file,
    profiledSeconds: round((profile.endTime - profile.startTime) / 1e6, 1),
    byArea: [...areas]
      .sort((a, b) => b[1] - a[1])
      .filter(([, us]) => pct(us) >= 0.5)
      .map(([a, us]) => ({ area: a, percent: pct(us) })),
    topFunctions: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, percent: pct(f.us) })),
  };
}
