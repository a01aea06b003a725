/**
 * One witness server as a supervised child process (scripts/demo-witness.ts, i.e. `verity witness
 * serve`): started with node and tsx as a loader (a plain node process in this process's group,
 * so a terminal's Ctrl-C reaches it, and nothing SIGKILLs it mid-shutdown), ready when it has
 * printed its address and that address answers HTTP. Its output is appended to a log file, its
 * error lines also go to `error`. A witness that dies (a crash, kill -9) is reported and started
 * again on the same port, with a growing delay, at most `maxRestarts` times in a row (the count
 * starts over once it has run a minute); one stopped by SIGINT/SIGTERM (Ctrl-C, an operator) is
 * left stopped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './next-build';

const ENTRY = path.join(ROOT, 'scripts', 'demo-witness.ts');
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const HEALTHY_AFTER_MS = 60_000;
/** What the witness needs of this process's environment: not the portal's secrets. */
const PASSED_ENV = ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG', 'LC_ALL', 'SYSTEMROOT'];

export interface WitnessProcessOptions {
  /** How the console names it, e.g. "demo witness 示范公证处 (Demo Notary Office)". */
  label: string;
  dir: string;
  logFile: string;
  /** 0: a free port chosen by the OS (restarts keep the one it got). */
  port: number;
  error: (line: string) => void;
  maxRestarts: number;
  restartDelayMs: number;
}

export class WitnessProcess {
  port: number;
  url = '';
  restarts = 0;
  private child: ChildProcess | undefined;
  private out: WriteStream;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;

  constructor(private readonly options: WitnessProcessOptions) {
    this.port = options.port;
    this.out = createWriteStream(options.logFile, { flags: 'a', mode: 0o600 });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server and resolves once it answers; rejects with what it printed if it does not. */
  async start(): Promise<void> {
    this.stopped = false;
    if (this.out.writableEnded) this.out = createWriteStream(this.options.logFile, { flags: 'a', mode: 0o600 });
    const { label } = this.options;
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      PASSED_ENV.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
    ) as NodeJS.ProcessEnv;
    const args = ['--dir', this.options.dir, '--port', String(this.port), '--host', '127.0.0.1'];
    this.out.write(`--- ${new Date().toISOString()} verity witness serve ${args.join(' ')}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const errors: string[] = [];
    let listening: ((url: string) => void) | undefined;
    const printedUrl = new Promise<string>((resolve) => {
      listening = resolve;
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.out.write(`${line}\n`);
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) listening?.(match[1]);
    });
    let ready = false;
    createInterface({ input: child.stderr }).on('line', (line) => {
      this.out.write(`${line}\n`);
      errors.push(line);
      if (ready) this.options.error(`${label}: ${line}`);
    });
    const exited = new Promise<string>((resolve) =>
      // 'close': it has exited and its last lines are read.
      child.once('close', (code, signal) => resolve(signal ? `signal ${signal}` : `exit ${code}`)),
    );
    let timeout: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      printedUrl.then(async (url) => ((await answers(url)) ? { url } : { failed: `${url} does not answer` })),
      exited.then((how) => ({ failed: `it exited (${how})` })),
      new Promise<{ failed: string }>((resolve) => {
        timeout = setTimeout(
          () => resolve({ failed: `it did not start within ${READY_TIMEOUT_MS / 1000} s` }),
          READY_TIMEOUT_MS,
        );
      }),
    ]);
    clearTimeout(timeout);
    if ('failed' in outcome) {
      await this.kill(child);
      const said = errors.map((line) => line.replace(/^verity witness: /, '')).join('; ');
      const portTaken = /EADDRINUSE/.test(said) ? ` Port ${this.port} on 127.0.0.1 is used by another program.` : '';
      throw new Error(
        `The ${label} did not start: ${said || outcome.failed}.${portTaken} Its folder: ${this.options.dir}; its log: ${this.options.logFile}`,
      );
    }
    ready = true;
    this.url = outcome.url;
    this.port = Number(new URL(outcome.url).port);
    this.startedAt = Date.now();
    void exited.then((how) => this.exited(child, how));
  }

  private exited(child: ChildProcess, how: string): void {
    if (this.stopped || child !== this.child) return;
    const { label, logFile, maxRestarts } = this.options;
    if (child.exitCode === 0 || child.signalCode === 'SIGINT' || child.signalCode === 'SIGTERM') {
      this.out.write(`--- ${new Date().toISOString()} stopped (${how}); not restarted\n`);
      return;
    }
    if (Date.now() - this.startedAt >= HEALTHY_AFTER_MS) this.restarts = 0;
    this.retry(`${label} exited unexpectedly (${how}); its log: ${logFile}`, maxRestarts);
  }

  private retry(why: string, maxRestarts: number): void {
    if (this.restarts >= maxRestarts) {
      this.options.error(`${why}. Not restarted again after ${maxRestarts} restarts in a row.`);
      return;
    }
    this.restarts += 1;
    const delay = this.options.restartDelayMs * 2 ** (this.restarts - 1);
    this.options.error(`${why}. Restarting it (${this.restarts} of ${maxRestarts}).`);
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.start().catch((error: Error) => {
        if (!this.stopped) this.retry(error.message, maxRestarts);
      });
    }, delay);
  }

  /** Stops the server (SIGTERM, SIGKILL after 5 s); it is not restarted until `start`. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.child) await this.kill(this.child);
  }

  /** Stops it for good and closes its log file. */
  async close(): Promise<void> {
    await this.stop();
    if (!this.out.writableEnded) await new Promise<void>((resolve) => this.out.end(() => resolve()));
  }

  private async kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    child.kill('SIGCONT'); // a witness paused with SIGSTOP (a test of one that hangs) stops at once too
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}

/** Whether `url` answers HTTP at all (the witness answers GET / with 404). */
async function answers(url: string): Promise<boolean> {
  try {
    await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}
