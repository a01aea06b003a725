/**
 * Where the CPU goes during a measurement window, from /proc (Linux): CPU seconds used by
 * each server's process tree, by PostgreSQL (the postmaster and all its backends), by this
 * load-generating process itself, and by anything else on the machine (other users' jobs
 * would show up there, so a noisy run can be recognised).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

interface ProcStat {
  ppid: number;
  ticks: number;
}

export interface CpuSnapshot {
  procs: Map<number, ProcStat>;
  busyTicks: number;
  totalTicks: number;
}

/** Process groups to account for, each given by its root pids (their descendants are included). */
export type CpuGroups = Record<string, number[]>;

export interface CpuUsage {
  /** CPU seconds per group, plus `bench` (this process) and `other` (the rest of the machine). */
  seconds: Record<string, number>;
  /** Machine-wide busy CPU seconds and the capacity (cores × wall seconds) of the window. */
  busySeconds: number;
  capacitySeconds: number;
}

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function readProc(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // utime + stime, and cutime + cstime: children that exited (a wrk run) count to their parent.
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return { ppid: Number(fields[1]), ticks };
  } catch {
    return undefined; // exited meanwhile
  }
}

export function takeCpuSnapshot(): CpuSnapshot {
  const procs = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(Number(entry));
    if (stat) procs.set(Number(entry), stat);
  }
  const cpu = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { procs, busyTicks: total - idle, totalTicks: total };
}

function descendants(roots: readonly number[], procs: Map<number, ProcStat>): Set<number> {
  const out = new Set(roots.filter((pid) => procs.has(pid)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, stat] of procs) {
      if (!out.has(pid) && out.has(stat.ppid)) {
        out.add(pid);
        grew = true;
      }
    }
  }
  return out;
}

export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot, groups: CpuGroups): CpuUsage {
  const seconds: Record<string, number> = {};
  let accounted = 0;
  const taken = new Set<number>();
  const usedBy = (pids: Iterable<number>) => {
    let ticks = 0;
    for (const pid of pids) {
      if (taken.has(pid)) continue;
      taken.add(pid);
      ticks += (after.procs.get(pid)?.ticks ?? 0) - (before.procs.get(pid)?.ticks ?? 0);
    }
    return ticks / TICKS_PER_SECOND;
  };
  for (const [name, roots] of Object.entries(groups)) {
    const group = descendants(roots, after.procs);
    seconds[name] = usedBy(group) - usedBeforeByExited(roots, group, before, after);
    accounted += seconds[name];
  }
  seconds.bench = usedBy([process.pid]);
  accounted += seconds.bench;
  const busySeconds = (after.busyTicks - before.busyTicks) / TICKS_PER_SECOND;
  seconds.other = Math.max(0, busySeconds - accounted);
  return { seconds, busySeconds, capacitySeconds: (after.totalTicks - before.totalTicks) / TICKS_PER_SECOND };
}

/**
 * A process that exits during the window adds its whole life's CPU to its parent's cutime/cstime
 * (read above as the parent's ticks), so what it used before the window would be counted in it:
 * a pooled PostgreSQL backend closed after its idle timeout would charge its past phases' work to
 * this one (seen: 18.9 ms of PostgreSQL per health check). Returns that earlier part, in seconds;
 * `group` is the live processes counted for `roots`.
 */
function usedBeforeByExited(
  roots: readonly number[],
  group: ReadonlySet<number>,
  before: CpuSnapshot,
  after: CpuSnapshot,
): number {
  let ticks = 0;
  for (const pid of descendants(roots, before.procs)) {
    if (after.procs.has(pid)) continue;
    // Its CPU went to the nearest ancestor still alive (through any that exited too): counted
    // above only if that ancestor is in the group.
    let ancestor = before.procs.get(pid)?.ppid;
    while (ancestor !== undefined && !after.procs.has(ancestor)) ancestor = before.procs.get(ancestor)?.ppid;
    if (ancestor !== undefined && group.has(ancestor)) ticks += before.procs.get(pid)?.ticks ?? 0;
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * The pid of the process listening on the port of `url` (Next.js rewrites its process title,
 * so the command line cannot be matched): the LISTEN socket's inode from /proc/net/tcp, then
 * the process holding it.
 */
export function listenerPid(url: string): number {
  const port = `:${Number(new URL(url).port).toString(16).toUpperCase().padStart(4, '0')}`;
  const inode = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((cols) => cols[1]?.endsWith(port) && cols[3] === '0A')?.[9];
  if (!inode) throw new Error(`nothing listens on ${url}`);
  const target = `socket:[${inode}]`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === target) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  throw new Error(`no process found holding the socket that listens on ${url}`);
}

/** The PostgreSQL postmaster: the parent of any backend (give it pg_backend_pid()). */
export function postmasterPid(backendPid: number): number {
  const stat = readProc(backendPid);
  if (!stat) throw new Error(`backend ${backendPid} not found in /proc`);
  return stat.ppid;
}

/**
 * Other people's jobs share this machine: before a measured phase, wait (bounded) until the
 * CPU used outside our own processes stays under `maxOtherCores` for one second. Returns the
 * last such reading, so a phase that had to start anyway on a busy machine can be flagged.
 */
export async function waitForQuiet(groups: CpuGroups, maxWaitMs: number, maxOtherCores = 0.15): Promise<number> {
  if (maxWaitMs <= 0) return Number.NaN; // --quick: no waiting
  const deadline = Date.now() + maxWaitMs;
  let other = Number.POSITIVE_INFINITY;
  let announced = false;
  for (;;) {
    const before = takeCpuSnapshot();
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 1000));
    const usage = cpuBetween(before, takeCpuSnapshot(), groups);
    other = (usage.seconds.other ?? 0) / ((Date.now() - t0) / 1000);
    if (other <= maxOtherCores || Date.now() >= deadline) return other;
    if (!announced) {
      console.log(`  the machine is busy with other work (${other.toFixed(2)} cores): waiting for it to calm down…`);
      announced = true;
    }
  }
}

/** Runs `fn` after waiting for a quiet machine and reports the cores other processes used meanwhile. */
export async function measuredQuietly<T>(
  groups: CpuGroups,
  maxWaitMs: number,
  fn: () => Promise<T>,
): Promise<{ result: T; otherCores: number }> {
  await waitForQuiet(groups, maxWaitMs);
  const before = takeCpuSnapshot();
  const t0 = Date.now();
  const result = await fn();
  const usage = cpuBetween(before, takeCpuSnapshot(), groups);
  const otherCores = Math.round(((usage.seconds.other ?? 0) / Math.max(0.001, (Date.now() - t0) / 1000)) * 100) / 100;
  return { result, otherCores };
}
