/**
 * Starts the portal: the Next.js production server on a loopback port, and the front server
 * (lib/front) on the public port, which answers the ledger's busy endpoints itself and passes
 * everything else to Next.js. With one front worker it runs in this process; with more, as
 * node:cluster workers sharing the port (scripts/front-worker.ts), one per core by default,
 * since a Node.js process uses about one core. `npm start`, the e2e server and the test
 * cluster all start it this way, so what is tested is what runs.
 */
import type { ChildProcess } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { NEXT_KEEP_ALIVE_MS } from '../../lib/front/proxy';
import { freePort } from './free-port';
import { ROOT, runNext } from './next-build';
import { waitForHealth } from './wait-for-health';

/** More front workers than this rarely help: PostgreSQL and Next.js need cores too. */
const MAX_DEFAULT_WORKERS = 4;

export interface PortalOptions {
  port: number;
  host: string;
  /** Environment of the portal (database, secrets, VERITY_DIST_DIR…); the front server reads it too. */
  env: NodeJS.ProcessEnv;
  /** Where Next.js's output goes (default: inherited). */
  nextStdio?: 'inherit' | 'ignore';
  /** Front server processes (default: VERITY_FRONT_WORKERS, else the CPU count, at most 4). */
  frontWorkers?: number;
}

export interface Portal {
  /** The Next.js process: when it exits, the portal is down. */
  next: ChildProcess;
  /** Stops taking requests, stops Next.js and closes this process's database connections. */
  stop(): Promise<void>;
}

export async function startPortal(options: PortalOptions): Promise<Portal> {
  // The front server runs the ledger's domain code in this process: same configuration as Next.js.
  Object.assign(process.env, options.env);
  const nextPort = await freePort();
  // Next.js keeps idle connections from the front server longer than the front server keeps them.
  const keepAlive = String(NEXT_KEEP_ALIVE_MS);
  const next = runNext(
    ['start', '--port', String(nextPort), '--hostname', '127.0.0.1', '--keepAliveTimeout', keepAlive],
    options.env,
    {
      stdio: options.nextStdio === 'ignore' ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    },
  );
  const exited = new Promise<void>((resolve) => next.once('exit', () => resolve()));
  try {
    await waitForHealth(`http://127.0.0.1:${nextPort}/api/health`, {
      timeoutMs: 120_000,
      what: 'the Next.js server',
      exited,
    });
  } catch (error) {
    next.kill('SIGTERM');
    throw error;
  }
  const workers = options.frontWorkers ?? defaultWorkers(options.env);
  let stopFront: () => Promise<void>;
  try {
    if (workers <= 1) {
      const { startFrontServer } = await import('../../lib/front/front-server');
      const server = await startFrontServer({
        port: options.port,
        host: options.host,
        upstream: { host: '127.0.0.1', port: nextPort },
      });
      stopFront = () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
    } else {
      stopFront = await startFrontWorkers(workers, { ...options, nextPort });
    }
  } catch (error) {
    next.kill('SIGTERM');
    throw error;
  }
  return {
    next,
    async stop() {
      await stopFront();
      if (next.exitCode === null && next.signalCode === null) {
        next.kill('SIGTERM');
        await exited;
      }
      const [{ closePool }, { closeDb }] = await Promise.all([
        import('../../lib/db/pool'),
        import('../../lib/db/client'),
      ]);
      await Promise.all([closePool(), closeDb()]);
    },
  };
}

function defaultWorkers(env: NodeJS.ProcessEnv): number {
  const configured = Number(env.VERITY_FRONT_WORKERS);
  if (Number.isInteger(configured) && configured >= 1) return configured;
  return Math.min(MAX_DEFAULT_WORKERS, availableParallelism());
}

/** Forks `count` front workers on the public port; a worker that dies is replaced. Returns stop. */
async function startFrontWorkers(
  count: number,
  options: PortalOptions & { nextPort: number },
): Promise<() => Promise<void>> {
  cluster.setupPrimary({
    exec: path.join(ROOT, 'scripts', 'front-worker.ts'),
    execArgv: ['--import', 'tsx', '--conditions=react-server'],
    silent: false,
  });
  const env = {
    ...options.env,
    PORT: String(options.port),
    HOST: options.host,
    VERITY_FRONT_UPSTREAM_PORT: String(options.nextPort),
  };
  let stopping = false;
  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork(env);
      worker.once('listening', () => resolve(worker));
      worker.once('exit', (code, signal) => {
        if (stopping) return;
        reject(new Error(`a front worker exited while starting (${signal ?? code})`));
        console.error(`verity: front worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
        void fork().catch((error: Error) => console.error(`verity: ${error.message}`));
      });
    });
  const started = await Promise.all(Array.from({ length: count }, fork));
  return async () => {
    stopping = true;
    const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      [...new Set([...started, ...live])].map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.disconnect();
            setTimeout(() => w.process.kill('SIGKILL'), 6000).unref();
          }),
      ),
    );
  };
}
