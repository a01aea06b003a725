/**
 * A portal of its own for the acceptance story, started the way a court starts one: `npm start`
 * with `VERITY_DEMO=false`,
 * a fresh data folder, free ports and an SMTP server, reading the setup link from its output and
 * stopped with Ctrl-C (SIGINT to its process group, as a terminal sends it).
 *
 * It serves the e2e build (`.next-e2e`, which Playwright's web server has just built or found
 * current) through VERITY_DIST_DIR, so no second `next build` runs.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/lib/free-port';
import { buildIsStale, ROOT } from '../../scripts/lib/next-build';

export interface CourtPortal {
  /** http://127.0.0.1:<port>, also its NEXTAUTH_URL. */
  url: string;
  port: number;
  pgPort: number;
  dataDir: string;
  /** The one-time setup link the start printed. */
  setupLink: string;
  /** Everything the start process wrote to stdout so far. */
  output(): string;
  /** The processes of the portal's group now, as "pid command" lines. */
  processes(): Promise<string[]>;
  /** Ctrl-C, then waits until no process of the portal is left; idempotent. */
  stop(): Promise<StopReport>;
}

export interface StopReport {
  /** Processes of the portal's group still running when stop gave up (then killed). */
  leftOver: string[];
  /** Ports that still accepted connections after the stop. */
  openPorts: number[];
  output: string;
}

const DIST_DIR = process.env.VERITY_E2E_DIST_DIR ?? '.next-e2e';

/** The environment a court would give it: the caller's, without anything of the e2e server's. */
function courtEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(VERITY_|E2E_|NEXTAUTH_|DATABASE_URL$|PORT$|HOST$|NODE_ENV$)/.test(name)) continue;
    env[name] = value;
  }
  // NODE_ENV left unset, as in a court's shell: start.ts gives Next.js `production` itself.
  return { ...env, ...vars } as NodeJS.ProcessEnv;
}

export async function startCourtPortal(options: { smtpUrl: string; timeoutMs?: number }): Promise<CourtPortal> {
  if (buildIsStale(DIST_DIR)) {
    throw new Error(`${DIST_DIR} is missing or older than the sources: the e2e web server should have built it`);
  }
  const [port, pgPort] = [await freePort(), await freePort()];
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-court-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    // Its own process group, so that Ctrl-C (SIGINT to the group) reaches every process of it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: courtEnv({
      VERITY_DEMO: 'false',
      VERITY_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      VERITY_PG_PORT: String(pgPort),
      NEXTAUTH_URL: url,
      VERITY_SMTP_URL: options.smtpUrl,
      VERITY_MAIL_FROM: 'Verity <verity@court.example>',
      VERITY_DIST_DIR: DIST_DIR,
      // One front server process is plenty for one story (and this machine has 2 cores).
      VERITY_FRONT_WORKERS: '1',
    }),
  });
  let stdout = '';
  let stderr = '';
  // E2E_COURT_LOG=<file>: the portal's output, as it comes, for a story that hangs.
  const log = process.env.E2E_COURT_LOG;
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (log) appendFileSync(log, chunk);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (log) appendFileSync(log, chunk);
  });
  // 'close': the process has exited and its output has been read to the end.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));

  let stopped: Promise<StopReport> | undefined;
  const stop = () => {
    stopped ??= stopGroup(child, exited, [port, pgPort]).then(async (report) => {
      await rm(dataDir, { recursive: true, force: true });
      return { ...report, output: `${stdout}\n--- stderr ---\n${stderr}` };
    });
    return stopped;
  };

  try {
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    while (!stdout.includes('Press Ctrl-C to stop.')) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error('the portal exited while starting');
      if (Date.now() > deadline) throw new Error('the portal did not get ready in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const setupLink = /^\s+(http\S+\/setup\/\S+)\s*$/m.exec(stdout)?.[1];
    if (!setupLink) throw new Error('the start printed no setup link');
    const processes = () => (child.pid === undefined ? Promise.resolve([]) : groupProcesses(child.pid));
    return { url, port, pgPort, dataDir, setupLink, output: () => stdout, processes, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`);
  }
}

/** The processes of group `pgid` still running, as "pid command" lines. */
async function groupProcesses(pgid: number): Promise<string[]> {
  const { stdout } = await promisify(execFile)('ps', ['-e', '-o', 'pid=,pgid=,args=']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group]) => Number(group) === pgid)
    .map(([pid, , ...args]) => `${pid} ${args.join(' ')}`);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopGroup(
  child: ChildProcess,
  exited: Promise<void>,
  ports: number[],
): Promise<Omit<StopReport, 'output'>> {
  const pgid = child.pid;
  if (pgid === undefined) return { leftOver: [], openPorts: [] };
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pgid, name);
    } catch {
      // The group is gone already.
    }
  };
  signal('SIGINT');
  const deadline = Date.now() + 30_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 30_000)))]);
  clearTimeout(timer);
  let left = await groupProcesses(pgid);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await groupProcesses(pgid);
  }
  if (left.length > 0) {
    signal('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const openPorts: number[] = [];
  for (const port of ports) if (await portOpen(port)) openPorts.push(port);
  return { leftOver: left, openPorts };
}
