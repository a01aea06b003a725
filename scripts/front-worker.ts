/**
 * One front server process of the portal (lib/front), started by scripts/lib/portal.ts through
 * node:cluster: the workers share the public port, so the ledger endpoints use every core.
 * Configured by the portal's environment plus VERITY_FRONT_UPSTREAM_PORT (Next.js on loopback).
 */
import { startFrontServer } from '../lib/front/front-server';

async function main(): Promise<void> {
  const upstreamPort = Number(process.env.VERITY_FRONT_UPSTREAM_PORT);
  const server = await startFrontServer({
    port: Number(process.env.PORT),
    host: process.env.HOST ?? '0.0.0.0',
    upstream: { host: '127.0.0.1', port: upstreamPort },
  });
  // Ctrl-C reaches every process of the terminal's group: the primary decides when workers stop.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
  // The primary disconnects a worker to stop it: finish what is in flight, then leave.
  process.on('disconnect', () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}

main().catch((error) => {
  console.error(`verity front worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
