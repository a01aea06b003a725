/**
 * Starts the portal: the Next.js production server on a loopback port, and in this process
 * the front server (lib/front) on the public port, which answers the ledger's busy endpoints
 * itself and passes everything else to Next.js. `npm start`, the e2e server and the test
 * cluster all start it this way, so what is tested is what runs.
 */
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { freePort } from './free-port';
import { runNext } from './next-build';

export interface PortalOptions {
  port: number;
  host: string;
  /** Environment of the portal (database, secrets, VERITY_DIST_DIR…); the front server reads it too. */
  env: NodeJS.ProcessEnv;
  /** Where Next.js's output goes (default: inherited). */
  nextStdio?: 'inherit' | 'ignore';
}

export interface Portal {
  /** The Next.js process: when it exits, the portal is down. */
  next: ChildProcess;
  front: Server;
  /** Stops taking requests, stops Next.js and closes this process's database connections. */
  stop(): Promise<void>;
}

export async function startPortal(options: PortalOptions): Promise<Portal> {
  // The front server runs the ledger's domain code in this process: same configuration as Next.js.
  Object.assign(process.env, options.env);
  const nextPort = await freePort();
  const next = runNext(['start', '--port', String(nextPort), '--hostname', '127.0.0.1'], options.env, {
    stdio: options.nextStdio === 'ignore' ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  const exited = new Promise<void>((resolve) => next.once('exit', () => resolve()));
  try {
    await waitForHealth(`http://127.0.0.1:${nextPort}/api/health`, exited);
  } catch (error) {
    next.kill('SIGTERM');
    throw error;
  }
  const { startFrontServer } = await import('../../lib/front/front-server');
  let front: Server;
  try {
    front = await startFrontServer({
      port: options.port,
      host: options.host,
      upstream: { host: '127.0.0.1', port: nextPort },
    });
  } catch (error) {
    next.kill('SIGTERM');
    throw error;
  }
  return {
    next,
    front,
    async stop() {
      await new Promise<void>((resolve) => {
        front.close(() => resolve());
        front.closeAllConnections();
      });
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

async function waitForHealth(url: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (let i = 0; i < 1200; i++) {
    if (gone) throw new Error('the Next.js server exited while starting');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the Next.js server did not answer at ${url} within 2 minutes`);
}
