/**
 * Test support: the real portal's ledger API for the SDK's and the command's tests — the
 * portal's front server (lib/front, as each worker of `npm start` answers depositors) on the
 * test PostgreSQL, behind it a stub answering 404 where Next.js would be (GET /api/v1/log/
 * witnesses then says "no witnesses"), and a depositor organisation with a real API key
 * (lib/depositors). And a node:http proxy in front of it that can misbehave on cue: answer 503
 * (with Retry-After), or forward a request and lose its answer. Nothing in the package imports it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getPool } from '@/lib/db/pool';
import { registerDepositorKey } from '@/lib/depositors/register-depositor-key';
import { buildApiKey } from '@/lib/depositors/testing';
import { startFrontServer } from '@/lib/front/front-server';

export interface TestPortal {
  url: string;
  apiKey: string;
  orgId: string;
  /** Another organisation's key, for counting one test's deposits apart. */
  newApiKey(): Promise<{ apiKey: string; orgId: string; keyId: string }>;
  /** Registers a depositor's signing key for `orgId`, as the operator would. */
  registerSigningKey(orgId: string, algorithm: 'ed25519' | 'sm2', publicKey: Uint8Array): Promise<void>;
  /** Deposits recorded for an organisation, counted in the database. */
  countDeposits(orgId: string): Promise<number>;
  /** How many deposits of an organisation record each SHA-256 (hex): "deposited exactly once". */
  countsBySha256(orgId: string): Promise<Map<string, number>>;
  close(): Promise<void>;
}

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
const close = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export async function startTestPortal(): Promise<TestPortal> {
  const upstream = http.createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"code":"NOT_FOUND","message":"Not found."}}');
  });
  await listen(upstream);
  const front = await startFrontServer({
    port: 0,
    host: '127.0.0.1',
    upstream: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port },
  });
  let admin: Awaited<ReturnType<typeof buildApiKey>>['admin'] | undefined;
  const newApiKey = async () => {
    const built = await buildApiKey();
    admin ??= built.admin;
    return { apiKey: built.key, orgId: built.org.id, keyId: built.id };
  };
  const first = await newApiKey();
  return {
    url: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    apiKey: first.apiKey,
    orgId: first.orgId,
    newApiKey,
    async registerSigningKey(orgId, algorithm, publicKey) {
      if (!admin) throw new Error('no admin yet');
      await registerDepositorKey(admin, { orgId, algorithm, publicKey, label: `signing key ${orgId}` });
    },
    async countDeposits(orgId) {
      const { rows } = await getPool().query<{ n: string }>('SELECT count(*) AS n FROM deposits WHERE org_id = $1', [
        orgId,
      ]);
      return Number(rows[0]?.n);
    },
    async countsBySha256(orgId) {
      const { rows } = await getPool().query<{ hex: string; n: string }>(
        "SELECT encode(sha256, 'hex') AS hex, count(*)::text AS n FROM deposits WHERE org_id = $1 GROUP BY sha256",
        [orgId],
      );
      return new Map(rows.map((r) => [r.hex, Number(r.n)]));
    },
    async close() {
      await close(front);
      await close(upstream);
    },
  };
}

/** What the proxy does with one request. */
export type ProxyAction =
  | { kind: 'forward' }
  /** Forward it, let the portal act on it, then answer 503 instead of its answer (the answer "lost"). */
  | { kind: 'forward-then-fail' }
  | { kind: 'answer'; status: number; headers?: Record<string, string>; body?: string };

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
  /** The portal's status, when forwarded. */
  forwardedStatus?: number;
  forwardedHeaders?: http.IncomingHttpHeaders;
}

export interface FaultProxy {
  url: string;
  /** Actions for the next requests, in order; then every request is forwarded. */
  plan: ProxyAction[];
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const base = new URL(target);
  const proxy: FaultProxy = { url: '', plan: [], seen: [], close: async () => close(server) };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const seen: SeenRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: body.toString('utf8'),
        at: Date.now(),
      };
      proxy.seen.push(seen);
      const action = proxy.plan.shift() ?? { kind: 'forward' };
      if (action.kind === 'answer') {
        res.writeHead(action.status, { 'content-type': 'application/json', ...action.headers });
        res.end(action.body ?? '{"error":{"code":"UNAVAILABLE","message":"Try again shortly."}}');
        return;
      }
      const headers = { ...req.headers, host: base.host };
      const forward = http.request(
        { host: base.hostname, port: base.port, method: req.method, path: req.url, headers },
        (answer) => {
          seen.forwardedStatus = answer.statusCode;
          seen.forwardedHeaders = answer.headers;
          if (action.kind === 'forward-then-fail') {
            answer.resume();
            answer.on('end', () => {
              res.writeHead(503, { 'content-type': 'application/json' });
              res.end('{"error":{"code":"UNAVAILABLE","message":"The answer was lost on the way."}}');
            });
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  proxy.url = await listen(server);
  return proxy;
}

/** An address where nothing listens (a port just released). */
export async function deadAddress(): Promise<string> {
  const server = http.createServer();
  const url = await listen(server);
  await close(server);
  return url;
}
