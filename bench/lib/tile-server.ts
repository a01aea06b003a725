/**
 * The front server alone, in a process of its own, for bench/tiles.ts: it answers the log's
 * tiles, checkpoint and key itself (lib/ledger/http), as each front-server worker of `npm start`
 * does; nothing is proxied (no Next.js behind it: a stub answers 404 in its place). Reads DATABASE_URL and VERITY_LOG_SIGNER_KEY;
 * prints its port on stdout.
 *
 *   node --import tsx --conditions=react-server bench/lib/tile-server.ts
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFrontServer } from '../../lib/front/front-server';

// Where Next.js would be: 404 for everything (the monitor asks GET /api/v1/log/witnesses, which a
// portal without witnesses answers 404; a missing upstream would be a 502, which it retries).
const notFound = http.createServer((_req, res) => {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"error":{"code":"NOT_FOUND","message":"Not found."}}');
});
await new Promise<void>((resolve) => notFound.listen(0, '127.0.0.1', resolve));
const upstreamPort = (notFound.address() as AddressInfo).port;
const server = await startFrontServer({
  port: 0,
  host: '127.0.0.1',
  upstream: { host: '127.0.0.1', port: upstreamPort },
});
process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
