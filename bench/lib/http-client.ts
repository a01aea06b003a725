/**
 * The HTTP side of the load, with as little client CPU as possible, since the load generator
 * shares the machine's cores with the servers and PostgreSQL.
 *
 * Default: `node:http` with a keep-alive Agent holding one socket per client (measured here at
 * about a third of the CPU per request of fetch). `--client fetch` uses Node's bundled fetch
 * (undici): its global dispatcher is also a keep-alive Agent with no per-origin connection cap.
 * Every request has a time limit. Only 127.0.0.1 is ever addressed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const REQUEST_TIMEOUT_MS = 30_000;

export type ClientKind = 'http' | 'fetch';

export interface HttpResponse {
  status: number;
  text: string;
}

export interface HttpClient {
  kind: ClientKind;
  request(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<HttpResponse>;
  close(): void;
}

function checkLocal(url: URL): void {
  if (url.hostname !== '127.0.0.1') throw new Error(`benchmarks only address 127.0.0.1, not ${url.host}`);
}

export function createHttpClient(kind: ClientKind, connections: number): HttpClient {
  if (kind === 'fetch') {
    return {
      kind,
      async request(method, url, headers, body) {
        checkLocal(new URL(url));
        const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        return { status: res.status, text: await res.text() };
      },
      close() {},
    };
  }
  // `timeout` closes a socket left idle for 1 s (between phases), well before the server's own
  // keep-alive timeout (5 s) could close it just as a request is sent on it ("socket hang up").
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: connections,
    maxFreeSockets: connections,
    timeout: 1000,
  });
  return {
    kind,
    request(method, url, headers, body) {
      const target = new URL(url);
      checkLocal(target);
      return new Promise((resolve, reject) => {
        const req = http.request(target, { method, agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/** A fresh random SHA-256 digest in hex, as a depositor would send for a new file. */
export function randomDigestHex(): string {
  return randomBytes(32).toString('hex');
}

export function singleDepositBody(): string {
  return JSON.stringify({ digests: { sha256: randomDigestHex() } });
}

export function batchDepositBody(size: number): string {
  const hex = randomBytes(32 * size).toString('hex');
  const deposits = Array.from({ length: size }, (_, i) => ({ digests: { sha256: hex.slice(64 * i, 64 * i + 64) } }));
  return JSON.stringify({ deposits });
}

/** POST /api/v1/deposits (wait=true by default); resolves to the response text, throws unless 201. */
export async function postDeposits(
  client: HttpClient,
  baseUrl: string,
  apiKey: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await client.request(
    'POST',
    `${baseUrl}/api/v1/deposits`,
    {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    },
    body,
  );
  if (res.status !== 201) throw new Error(`POST /api/v1/deposits answered ${res.status}: ${res.text.slice(0, 120)}`);
  return res.text;
}

/** GET a path; resolves to the response text, throws unless 200. */
export async function getOk(client: HttpClient, baseUrl: string, pathAndQuery: string): Promise<string> {
  const res = await client.request('GET', `${baseUrl}${pathAndQuery}`, {});
  if (res.status !== 200) {
    throw new Error(`GET ${pathAndQuery.split('?')[0]} answered ${res.status}: ${res.text.slice(0, 120)}`);
  }
  return res.text;
}

/** Established client connections to the port of `url` (from /proc/net/tcp), to check keep-alive. */
export function establishedConnections(url: string): number {
  const port = `:${Number(new URL(url).port).toString(16).toUpperCase().padStart(4, '0')}`;
  let count = 0;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    // local_address rem_address st: the client ends have the server's port as remote, state 01.
    if (cols[2]?.endsWith(port) && cols[3] === '01') count++;
  }
  return count;
}
