/**
 * A bare `node:http` server in its own process answering `{"status":"ok"}`: what one Node
 * process on this machine can serve with the same load generator, i.e. the ceiling below
 * which the framework's and the application's costs are measured.
 */
import { spawn } from 'node:child_process';
import { getOk, type HttpClient } from './http-client';
import type { BenchOptions } from './options';
import { type PhaseResult, runPhase } from './run-phase';
import { runWrk } from './wrk';

const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end('{"status":"ok"}'); });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

export interface BareServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startBareHttpServer(): Promise<BareServer> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bare HTTP server did not start within 10 s')), 10_000);
    child.stdout.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(d).trim()));
    });
    child.once('exit', (code) => reject(new Error(`the bare HTTP server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The bare server's throughput and latency under `clients` closed-loop clients, loaded by this
 * process or, with `viaWrk` (when wrk is the load generator), by wrk: the same load as the
 * phase it is the reference for.
 */
export async function measureBareHttp(
  o: BenchOptions,
  c: HttpClient,
  load: { clients: number; viaWrk: boolean },
): Promise<PhaseResult> {
  console.log('reference: a bare node:http server with the same load generator…');
  const bare = await startBareHttpServer();
  try {
    const phase = {
      clients: load.clients,
      maxRequests: Math.ceil((50_000 * o.durationMs) / 1000),
      groups: { bareServer: [bare.pid] },
      request: async () => {
        await getOk(c, bare.url, '/');
        return 1;
      },
    };
    await runPhase({ ...phase, label: 'warm-up bare node:http', durationMs: o.warmupMs, warmUp: true });
    return await runPhase({
      ...phase,
      label: `bare node:http, ${load.clients} clients`,
      durationMs: o.durationMs,
      runner:
        load.viaWrk && o.load === 'wrk'
          ? () =>
              runWrk({
                urls: [bare.url],
                connections: load.clients,
                durationMs: o.durationMs,
                mode: { get: { path: '/' } },
              })
          : undefined,
    });
  } finally {
    await bare.stop();
  }
}
