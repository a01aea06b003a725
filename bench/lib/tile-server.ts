/**
 * The front server alone, in a process of its own, for bench/tiles.ts: it answers the log's
 * tiles, checkpoint and key itself (lib/ledger/http), as each front-server worker of `npm start`
 * does; nothing is proxied (no Next.js behind it). Reads DATABASE_URL and VERITY_LOG_SIGNER_KEY;
 * prints its port on stdout.
 *
 *   node --import tsx --conditions=react-server bench/lib/tile-server.ts
 */
import type { AddressInfo } from 'node:net';
import { startFrontServer } from '../../lib/front/front-server';

const server = await startFrontServer({ port: 0, host: '127.0.0.1', upstream: { host: '127.0.0.1', port: 9 } });
process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
