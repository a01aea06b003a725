/**
 * A real portal for the depositors' command tests: the portal's front server (lib/front, the same
 * ledger API code as `npm start`) on the test database, a depositor organisation with a fresh API
 * key, and what the server recorded for it (deposits counted per digest).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getPool } from '@/lib/db/pool';
import { buildApiKey } from '@/lib/depositors/testing';
import { startFrontServer } from '@/lib/front/front-server';

export interface TestPortal {
  url: string;
  apiKey: string;
  orgId: string;
  /** Deposits the server holds for this organisation. */
  count(): Promise<number>;
  /** How many deposits record each SHA-256 (hex), for "deposited exactly once". */
  countsBySha256(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export async function startTestPortal(): Promise<TestPortal> {
  const upstream = http.createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"code":"NOT_FOUND","message":"Not found."}}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const front = await startFrontServer({
    port: 0,
    host: '127.0.0.1',
    upstream: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port },
  });
  const { org, key } = await buildApiKey();
  const countsBySha256 = async () => {
    const { rows } = await getPool().query<{ hex: string; n: string }>(
      "SELECT encode(sha256, 'hex') AS hex, count(*)::text AS n FROM deposits WHERE org_id = $1 GROUP BY sha256",
      [org.id],
    );
    return new Map(rows.map((r) => [r.hex, Number(r.n)]));
  };
  return {
    url: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    apiKey: key,
    orgId: org.id,
    count: async () => [...(await countsBySha256()).values()].reduce((a, b) => a + b, 0),
    countsBySha256,
    close: async () => {
      front.closeAllConnections();
      upstream.closeAllConnections();
      await Promise.all([new Promise((r) => front.close(r)), new Promise((r) => upstream.close(r))]);
    },
  };
}
