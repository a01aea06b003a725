/**
 * The front server on a real socket: the ledger endpoints it answers itself behave exactly as
 * the Next.js route handlers (same statuses, codes and messages for bad input; receipts that
 * verify), and everything else is passed to the upstream unchanged and streamed. The upstream
 * here is a small echo server standing in for Next.js (the e2e suite runs the real one behind it).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getDepositsRoute, POST as postDepositsRoute } from '@/app/api/v1/deposits/route';
import { GET as alarmsRoute } from '@/app/api/v1/log/alarms/route';
import { GET as checkpointRoute } from '@/app/api/v1/log/checkpoint/route';
import { GET as consistencyRoute } from '@/app/api/v1/log/consistency/route';
import { GET as logKeyRoute } from '@/app/api/v1/log/key/route';
import { GET as witnessesRoute } from '@/app/api/v1/log/witnesses/route';
import { bearer, buildApiKey } from '@/lib/depositors/testing';
import { logSigner } from '@/lib/ledger/log-signer';
import { base64ToBytes, verifyTlogProof } from '@/lib/tlog';
import { documented, documentedFetch } from '@/test/api/openapi-check';
import { startFrontServer } from './front-server';
import { SECURITY_HEADERS } from './security-headers';

// Both implementations' answers are checked against the served OpenAPI document.
const routePost = documented('POST', '/deposits', postDepositsRoute);
const routeCheckpoint = documented('GET', '/log/checkpoint', checkpointRoute);
const routeKey = documented('GET', '/log/key', logKeyRoute);
const routeWitnesses = documented('GET', '/log/witnesses', witnessesRoute);
const routeAlarms = documented('GET', '/log/alarms', alarmsRoute);
const routeConsistency = documented('GET', '/log/consistency', consistencyRoute);
const routeGetDeposits = documented('GET', '/deposits', getDepositsRoute);

let front: http.Server;
let upstream: http.Server;
let base: string;
let auth: Awaited<ReturnType<typeof buildApiKey>>;
const upstreamSeen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; sha256: string }> = [];

const port = (server: http.Server) => (server.address() as AddressInfo).port;

beforeAll(async () => {
  auth = await buildApiKey();
  upstream = http.createServer((req, res) => {
    const hash = createHash('sha256');
    req.on('data', (chunk: Buffer) => hash.update(chunk));
    req.on('end', () => {
      const seen = { method: req.method, url: req.url, headers: req.headers, sha256: hash.digest('hex') };
      upstreamSeen.push(seen);
      if (req.url === '/redirect/') {
        // As Next.js's own trailing-slash redirect: none of the baseline headers.
        res.writeHead(308, { location: '/redirect' });
        res.end();
        return;
      }
      if (req.url === '/framed' || req.url === '/api/cached') {
        // An answer that states its own policy keeps it.
        res.writeHead(200, { 'x-frame-options': 'SAMEORIGIN', 'cache-control': 'public, max-age=60' });
        res.end('own');
        return;
      }
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        for (let i = 0; i < 64; i++) res.write(Buffer.alloc(256 * 1024, i));
        res.end();
        return;
      }
      res.writeHead(207, {
        'content-type': 'application/json',
        'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
        'keep-alive': 'timeout=99',
        'x-upstream': 'yes',
      });
      res.end(JSON.stringify(seen));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  front = await startFrontServer({ port: 0, host: '127.0.0.1', upstream: { host: '127.0.0.1', port: port(upstream) } });
  base = `http://127.0.0.1:${port(front)}`;
});

afterAll(async () => {
  front.closeAllConnections();
  upstream.closeAllConnections();
  await Promise.all([new Promise((r) => front.close(r)), new Promise((r) => upstream.close(r))]);
});

function viaFront(body: string, headers: Record<string, string>, query = '') {
  return documentedFetch(`${base}/api/v1/deposits${query}`, { method: 'POST', headers, body });
}

function viaRoute(body: string, headers: Record<string, string>, query = '') {
  return routePost(new Request(`http://verity.test/api/v1/deposits${query}`, { method: 'POST', headers, body }));
}

describe('ledger endpoints on the front server', () => {
  it('seals a deposit: 201 with a receipt that verifies with the log key, and GET by id and by digest find it', async () => {
    const sha256 = randomBytes(32).toString('hex');
    const res = await viaFront(JSON.stringify({ digests: { sha256 } }), {
      authorization: bearer(auth.key),
      'content-type': 'application/json',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    const receipt = (await res.json()) as { id: string; leaf: string; tlogProof: string; status: string };
    expect(receipt.status).toBe('sealed');
    verifyTlogProof(receipt.tlogProof, base64ToBytes(receipt.leaf), [logSigner().verifierKey]);

    const byId = (await (await documentedFetch(`${base}/api/v1/deposits/${receipt.id}`)).json()) as typeof receipt;
    expect(byId.id).toBe(receipt.id);
    verifyTlogProof(byId.tlogProof, base64ToBytes(byId.leaf), [logSigner().verifierKey]);
    const found = (await (await documentedFetch(`${base}/api/v1/deposits?sha256=${sha256.toUpperCase()}`)).json()) as {
      deposits: Array<{ id: string }>;
    };
    expect(found.deposits.map((d) => d.id)).toEqual([receipt.id]);
    expect((await documentedFetch(`${base}/api/v1/deposits/not-a-uuid`)).status).toBe(422);
    expect((await documentedFetch(`${base}/api/v1/deposits/${randomUUID()}`)).status).toBe(404);
  });

  it('serves the same checkpoint, log key, witness policy and alarms as the route handlers', async () => {
    for (const [path, route] of [
      ['/log/checkpoint', routeCheckpoint],
      ['/log/key', routeKey],
      ['/log/witnesses', routeWitnesses],
      ['/log/alarms', routeAlarms],
    ] as const) {
      const [a, b] = [await documentedFetch(`${base}/api/v1${path}`), await route()];
      expect(a.status).toBe(200);
      expect(a.headers.get('content-type')).toBe(b.headers.get('content-type'));
      expect(await a.text()).toBe(await b.text());
    }
  });

  const size = async () => BigInt((await (await routeCheckpoint()).text()).split('\n')[1] as string);
  it.each([
    ['a proof between two issued checkpoints', (older: bigint, newer: bigint) => `from=${older}&to=${newer}`],
    ['from = to', (_: bigint, newer: bigint) => `from=${newer}&to=${newer}`],
    ['a size never signed', (older: bigint, newer: bigint) => `from=${older}&to=${newer + 1_000_000n}`],
    ['from > to', () => 'from=5&to=2'],
    ['not a number', () => 'from=one&to=2'],
    ['an unknown parameter', () => 'from=1&to=2&x=1'],
  ] as const)('answers consistency queries (%s) exactly as the route handler does', async (_, query) => {
    const headers = { authorization: bearer(auth.key), 'content-type': 'application/json' };
    await viaRoute(JSON.stringify({ digests: { sha256: randomBytes(32).toString('hex') } }), headers);
    const older = await size();
    await viaRoute(JSON.stringify({ digests: { sha256: randomBytes(32).toString('hex') } }), headers);
    const q = query(older, await size());
    const a = await documentedFetch(`${base}/api/v1/log/consistency?${q}`);
    const b = await routeConsistency(new Request(`http://verity.test/api/v1/log/consistency?${q}`));
    expect({ status: a.status, body: await a.json() }).toEqual({ status: b.status, body: await b.json() });
  });

  const big = JSON.stringify({ digests: { sha256: 'ab'.repeat(32) }, title: 'x'.repeat(10 * 1024 * 1024) });
  it.each([
    ['malformed JSON', '{"digests": {', {}],
    ['invalid UTF-8', '\u00ff', {}],
    ['an unknown field', JSON.stringify({ digests: { sha256: 'ab'.repeat(32) }, owner: 'x' }), {}],
    ['a wrong content type', 'digests', { 'content-type': 'text/plain' }],
    ['no API key', '{}', { authorization: '' }],
    ['a wrong API key', '{}', { authorization: bearer(`vrt_aaaaaaaaaaaa_${'A'.repeat(43)}`) }],
    ['a bad Idempotency-Key', JSON.stringify({ digests: { sha256: 'ab'.repeat(32) } }), { 'idempotency-key': 'a b' }],
    ['a 10 MB body', big, {}],
  ] as const)('answers %s exactly as the route handler does', async (_, body, extra) => {
    const headers: Record<string, string> = {
      authorization: bearer(auth.key),
      'content-type': 'application/json',
      ...extra,
    };
    if (headers.authorization === '') delete headers.authorization;
    // Invalid UTF-8: send the raw byte 0xff.
    const payload = body === '\u00ff' ? Buffer.from([0xff]) : body;
    const a = await documentedFetch(`${base}/api/v1/deposits`, { method: 'POST', headers, body: payload });
    const b = await routePost(
      new Request('http://verity.test/api/v1/deposits', { method: 'POST', headers, body: payload }),
    );
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);
    expect({ status: a.status, body: await a.json() }).toEqual({ status: b.status, body: await b.json() });
  });

  it('lets a client that sends the whole refused body first still read the refusal', async () => {
    // A client that writes all of a too-large body before it reads (as Playwright's and many simple
    // clients do) must get the 413, not a reset: the server stops answering, not listening.
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await rawExchange(
        new URL(base),
        `POST /api/v1/deposits HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: ${bearer(auth.key)}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`,
        Buffer.from(big),
      );
      expect(answer.error, `attempt ${attempt}`).toBeUndefined();
      expect(answer.text.split('\r\n')[0], `attempt ${attempt}`).toBe('HTTP/1.1 413 Payload Too Large');
      expect(answer.text).toContain('"PAYLOAD_TOO_LARGE"');
    }
  });

  it('answers a client that stops sending a refused body after 5 s, and closes its connection', async () => {
    const started = Date.now();
    const answer = await rawExchange(
      new URL(base),
      `POST /api/v1/deposits HTTP/1.1\r\nHost: x\r\nAuthorization: ${bearer(auth.key)}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`,
      Buffer.from(big.slice(0, 1000)), // and then nothing more, the socket left open
    );
    const seconds = (Date.now() - started) / 1000;
    expect(answer.text.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(answer.text.toLowerCase()).toContain('connection: close');
    expect(seconds).toBeGreaterThanOrEqual(4.5);
    expect(seconds).toBeLessThan(15);
  });

  it('reads and discards the rest of a body it refused, so the same connection answers the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const ask = (method: string, path: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const request = http.request(
          `${base}${path}`,
          { method, agent, headers: { authorization: bearer(auth.key), 'content-type': 'application/json' } },
          (res) => {
            sockets.add(res.socket);
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    try {
      expect(await ask('POST', '/api/v1/deposits', big)).toBe(413);
      expect(await ask('GET', '/api/v1/log/checkpoint')).toBe(200);
      expect(sockets.size).toBe(1); // one connection for both: the refused body did not break it
    } finally {
      agent.destroy();
    }
  });
});

/** The baseline headers of an answer, to compare with SECURITY_HEADERS. */
function baseline(res: Response): Record<string, string | null> {
  return Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name, res.headers.get(name)]));
}

describe('the security headers of every answer', () => {
  const deposit = () => JSON.stringify({ digests: { sha256: randomBytes(32).toString('hex') } });

  it('are on each ledger answer and error, which are not stored; the checkpoint is cached for a second', async () => {
    const json = { authorization: bearer(auth.key), 'content-type': 'application/json' };
    const created = await viaFront(deposit(), json);
    const { id, treeSize: older } = (await created.clone().json()) as { id: string; treeSize: number };
    const { treeSize: newer } = (await (await viaFront(deposit(), json)).json()) as { treeSize: number };
    const proof = `${base}/api/v1/log/consistency?from=${older}&to=${newer}`;
    const answers: Array<[string, number, Response, string]> = [
      ['POST /api/v1/deposits', 201, created, 'no-store'],
      ['POST, minimal', 201, await viaFront(deposit(), { ...json, prefer: 'return=minimal' }), 'no-store'],
      ['POST ?wait=false', 202, await viaFront(deposit(), json, '?wait=false'), 'no-store'],
      ['GET by digest', 200, await fetch(`${base}/api/v1/deposits?sha256=${'ab'.repeat(32)}`), 'no-store'],
      ['GET by id', 200, await fetch(`${base}/api/v1/deposits/${id}`), 'no-store'],
      ['checkpoint', 200, await fetch(`${base}/api/v1/log/checkpoint`), 'public, max-age=1'],
      ['log key', 200, await fetch(`${base}/api/v1/log/key`), 'public, max-age=86400'],
      ['consistency', 200, await fetch(proof), 'public, max-age=86400, immutable'],
      ['consistency refused', 404, await fetch(`${proof}000000`), 'no-store'],
      ['bad consistency query', 422, await fetch(`${base}/api/v1/log/consistency?from=x&to=2`), 'no-store'],
      ['malformed JSON', 400, await viaFront('{', json), 'no-store'],
      ['no API key', 401, await viaFront(deposit(), { 'content-type': 'application/json' }), 'no-store'],
      ['unknown id', 404, await fetch(`${base}/api/v1/deposits/${randomUUID()}`), 'no-store'],
      ['a 10 MB body', 413, await viaFront('x'.repeat(10 * 1024 * 1024), json), 'no-store'],
      ['wrong content type', 415, await viaFront(deposit(), { ...json, 'content-type': 'text/plain' }), 'no-store'],
      ['bad digest query', 422, await fetch(`${base}/api/v1/deposits?sha256=zz`), 'no-store'],
    ];
    for (const [what, status, res, cacheControl] of answers) {
      expect({ what, status: res.status, cacheControl: res.headers.get('cache-control') }).toEqual({
        what,
        status,
        cacheControl,
      });
      expect(baseline(res), what).toEqual(SECURITY_HEADERS);
    }
  });

  it('carry the same Cache-Control when Next.js answers the same endpoint (route handlers)', async () => {
    const front = await fetch(`${base}/api/v1/deposits?sha256=zz`);
    const route = await routeGetDeposits(new Request('http://verity.test/api/v1/deposits?sha256=zz'));
    expect(route.headers.get('cache-control')).toBe(front.headers.get('cache-control'));
    for (const [path, route] of [
      ['/log/checkpoint', routeCheckpoint],
      ['/log/key', routeKey],
    ] as const) {
      expect((await route()).headers.get('cache-control'), path).toBe(
        (await fetch(`${base}/api/v1${path}`)).headers.get('cache-control'),
      );
    }
    const json = { authorization: bearer(auth.key), 'content-type': 'application/json' };
    const sizes: number[] = [];
    for (const _ of [1, 2])
      sizes.push(((await (await viaFront(deposit(), json)).json()) as { treeSize: number }).treeSize);
    const query = `from=${sizes[0]}&to=${sizes[1]}`;
    expect(
      (await routeConsistency(new Request(`http://verity.test/api/v1/log/consistency?${query}`))).headers.get(
        'cache-control',
      ),
    ).toBe((await fetch(`${base}/api/v1/log/consistency?${query}`)).headers.get('cache-control'));
  });

  it('are added to passed-on answers that lack them, an API answer is not stored, and an answer’s own are kept', async () => {
    const plain = await fetch(`${base}/cases/x`);
    expect(baseline(plain)).toEqual(SECURITY_HEADERS);
    expect(plain.headers.get('cache-control')).toBeNull(); // pages state their own (Next.js does)
    const redirect = await fetch(`${base}/redirect/`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(baseline(redirect)).toEqual(SECURITY_HEADERS);
    const api = await fetch(`${base}/api/v1/anything`);
    expect({ status: api.status, cacheControl: api.headers.get('cache-control') }).toEqual({
      status: 207,
      cacheControl: 'no-store',
    });
    expect(baseline(api)).toEqual(SECURITY_HEADERS);
    for (const path of ['/framed', '/api/cached']) {
      const own = await fetch(`${base}${path}`);
      expect(own.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(own.headers.get('cache-control')).toBe('public, max-age=60');
      expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('everything else, passed to the upstream', () => {
  it('keeps method, path, query and headers, adds X-Forwarded-*, drops hop-by-hop headers both ways', async () => {
    const res = await fetch(`${base}/cases/1234?tab=exhibits`, {
      method: 'POST',
      headers: { 'x-custom': 'kept', 'proxy-authorization': 'secret', 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(207);
    expect(res.headers.get('x-upstream')).toBe('yes');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(res.headers.get('keep-alive')).not.toBe('timeout=99');
    const seen = (await res.json()) as (typeof upstreamSeen)[number];
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/cases/1234?tab=exhibits');
    expect(seen.headers['x-custom']).toBe('kept');
    expect(seen.headers['proxy-authorization']).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-host']).toBe(`127.0.0.1:${port(front)}`);
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.sha256).toBe(createHash('sha256').update('hello').digest('hex'));
  });

  it('streams a 32 MiB upload and a 16 MiB download through unchanged', async () => {
    const upload = randomBytes(32 * 1024 * 1024);
    // (Not /api/v1/uploads/{id}: the front server answers upload PATCHes itself, upload-patch-route.ts.)
    const res = await fetch(`${base}/api/streamed`, { method: 'PATCH', body: upload });
    expect(((await res.json()) as { sha256: string }).sha256).toBe(createHash('sha256').update(upload).digest('hex'));
    const big = Buffer.from(await (await fetch(`${base}/big`)).arrayBuffer());
    expect(big.length).toBe(64 * 256 * 1024);
    expect(big[256 * 1024 * 63]).toBe(63);
  });

  it('resends a GET whose reused upstream connection was closed under it, but not a POST', async () => {
    // An upstream that drops every connection on its second request, as a keep-alive race would.
    const served = new WeakMap<object, number>();
    let attempts = 0;
    const flaky = http.createServer((req, res) => {
      attempts++;
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      if (n > 1) {
        req.socket.destroy();
        return;
      }
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const proxy = await startFrontServer({
      port: 0,
      host: '127.0.0.1',
      upstream: { host: '127.0.0.1', port: port(flaky) },
    });
    const at = `http://127.0.0.1:${port(proxy)}`;
    try {
      expect(await (await fetch(`${at}/first`)).text()).toBe('ok'); // opens the upstream connection
      attempts = 0;
      const again = await fetch(`${at}/second`);
      expect({ status: again.status, body: await again.text(), attempts }).toEqual({
        status: 200,
        body: 'ok',
        attempts: 2,
      });
      expect(await (await fetch(`${at}/third`)).text()).toBe('ok');
      attempts = 0;
      const post = await fetch(`${at}/form`, { method: 'POST', body: 'x' });
      expect({ status: post.status, attempts }).toEqual({ status: 502, attempts: 1 });
    } finally {
      proxy.closeAllConnections();
      flaky.closeAllConnections();
      await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => flaky.close(r))]);
    }
  });

  it('answers 502 with an error body when the upstream is down', async () => {
    const lonely = await startFrontServer({ port: 0, host: '127.0.0.1', upstream: { host: '127.0.0.1', port: 1 } });
    try {
      const res = await fetch(`http://127.0.0.1:${port(lonely)}/verify`);
      expect(res.status).toBe(502);
      expect(baseline(res)).toEqual(SECURITY_HEADERS);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
    } finally {
      await new Promise((r) => lonely.close(r));
    }
  });
});

/**
 * Sends `head` and then all of `body` over a plain TCP socket, as fast as the socket takes it,
 * and only then reads: everything the server sent, and the error (a reset) if the exchange broke.
 */
function rawExchange(url: URL, head: string, body: Buffer): Promise<{ text: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const received: Buffer[] = [];
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => resolve({ text: Buffer.concat(received).toString('utf8'), error }));
    socket.pause(); // read nothing until the whole body is written
    socket.write(head);
    socket.write(body, () => socket.resume());
  });
}

/** One request written by hand over a raw socket (Connection: close): its status and JSON body, if any. */
async function rawRequest(at: string, lines: string[]): Promise<{ status: number; body: unknown }> {
  const url = new URL(at);
  const { text } = await rawExchange(url, `${[...lines, 'Connection: close'].join('\r\n')}\r\n\r\n`, Buffer.alloc(0));
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
  const split = text.indexOf('\r\n\r\n');
  let body = text.slice(split + 4);
  if (/^transfer-encoding: chunked$/im.test(text.slice(0, split))) {
    // Chunk sizes on their own lines: the echo answers are ASCII, so characters are bytes.
    let out = '';
    for (let at = 0; ; ) {
      const end = body.indexOf('\r\n', at);
      const size = Number.parseInt(body.slice(at, end), 16);
      if (!size) break;
      out += body.slice(end + 2, end + 2 + size);
      at = end + 2 + size + 2;
    }
    body = out;
  }
  return { status, body: body.startsWith('{') ? JSON.parse(body) : body };
}

type Seen = (typeof upstreamSeen)[number];

describe('forwarded headers and request targets a client writes (issue #21, finding 7)', () => {
  const forged = [
    'X-Forwarded-Host: evil.example',
    'X-Forwarded-Proto: https',
    'X-Forwarded-For: 203.0.113.9',
    'X-Forwarded-Port: 443',
    'X-Forwarded-Prefix: /evil',
    'Forwarded: for=203.0.113.9;host=evil.example;proto=https',
    'X-Real-IP: 203.0.113.9',
  ];

  it('replaces every forwarded header a client sends with what the front server saw', async () => {
    const host = `127.0.0.1:${port(front)}`;
    const { status, body } = await rawRequest(base, ['GET /cases/forged HTTP/1.1', `Host: ${host}`, ...forged]);
    expect(status).toBe(207);
    const { headers } = body as Seen;
    expect(headers['x-forwarded-host']).toBe(host);
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    for (const name of ['x-forwarded-port', 'x-forwarded-prefix', 'forwarded', 'x-real-ip']) {
      expect(headers[name], name).toBeUndefined();
    }
  });

  it('keeps a declared proxy’s X-Forwarded-Host/-Proto and appends to its X-Forwarded-For, still dropping the rest', async () => {
    const behind = await startFrontServer({
      port: 0,
      host: '127.0.0.1',
      upstream: { host: '127.0.0.1', port: port(upstream) },
      trustedProxies: '10.0.0.0/8, 127.0.0.1',
    });
    try {
      const at = `http://127.0.0.1:${port(behind)}`;
      const { body } = await rawRequest(at, ['GET /cases/proxied HTTP/1.1', 'Host: internal:3000', ...forged]);
      const { headers } = body as Seen;
      expect(headers['x-forwarded-host']).toBe('evil.example');
      expect(headers['x-forwarded-proto']).toBe('https');
      expect(headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
      expect(headers.forwarded).toBeUndefined();
      expect(headers['x-real-ip']).toBeUndefined();
      expect(headers['x-forwarded-prefix']).toBeUndefined();
    } finally {
      behind.closeAllConnections();
      await new Promise((r) => behind.close(r));
    }
  });

  it('refuses an absolute-form target naming another host with 400, passing nothing upstream', async () => {
    const before = upstreamSeen.length;
    const host = `127.0.0.1:${port(front)}`;
    for (const target of [
      'http://evil.example/redirect/',
      'https://evil.example/cases/1',
      `http://${host}.evil.example/`,
    ]) {
      const { status, body } = await rawRequest(base, [`GET ${target} HTTP/1.1`, `Host: ${host}`]);
      expect({ target, status }).toEqual({ target, status: 400 });
      expect((body as { error: { code: string } }).error.code).toBe('REQUEST_TARGET_REFUSED');
    }
    // The ledger's own endpoints too, though the front server answers them itself.
    const deposit = await rawRequest(base, [
      'POST http://evil.example/api/v1/deposits HTTP/1.1',
      `Host: ${host}`,
      'Content-Type: application/json',
      'Content-Length: 2',
      '',
      '{}',
    ]);
    expect(deposit.status).toBe(400);
    expect(upstreamSeen.slice(before).filter((s) => s.url?.includes('evil'))).toEqual([]);
  });

  it('treats an absolute-form target naming the portal’s own host as the path it names', async () => {
    const host = `127.0.0.1:${port(front)}`;
    const own = await rawRequest(base, [`GET http://${host}/cases/own?tab=1 HTTP/1.1`, `Host: ${host}`]);
    expect(own.status).toBe(207);
    expect((own.body as Seen).url).toBe('/cases/own?tab=1');
    // The configured public URL's host (NEXTAUTH_URL, test/setup-env.ts) is the portal's too.
    const configured = new URL(process.env.NEXTAUTH_URL ?? '').host;
    const named = await rawRequest(base, [`GET http://${configured}/cases/named HTTP/1.1`, 'Host: elsewhere.example']);
    expect(named.status).toBe(207);
    const seen = named.body as Seen;
    expect(seen.url).toBe('/cases/named');
    expect(seen.headers.host).toBe(configured);
    expect(seen.headers['x-forwarded-host']).toBe(configured);
    const redirect = await rawRequest(base, [`GET http://${host}/redirect/ HTTP/1.1`, `Host: ${host}`]);
    expect(redirect.status).toBe(308);
  });
});

describe('deposit JSON that JSON.parse would silently change (issue #21, finding 9)', () => {
  it('refuses duplicate member names and integers beyond 2^53 with 422 on both implementations, storing nothing', async () => {
    const sha256 = randomBytes(32).toString('hex');
    const headers = { authorization: bearer(auth.key), 'content-type': 'application/json' };
    const bodies = [
      [`{"digests":{"sha256":"${sha256}"},"title":"meant","title":"stored"}`, /^title: the member name "title"/],
      [`{"digests":{"sha256":"${'0'.repeat(64)}","sha256":"${sha256}"}}`, /^digests\.sha256: /],
      [`{"digests":{"sha256":"${sha256}"},"metadata":{"amount":9007199254740993}}`, /^metadata\.amount: the integer/],
      [
        `{"deposits":[{"digests":{"sha256":"${sha256}"},"metadata":{"a":{"b":1,"b":2}}}]}`,
        /^deposits\[0\]\.metadata\.a\.b: /,
      ],
    ] as const;
    for (const [body, message] of bodies) {
      for (const [name, res] of [
        ['front', await viaFront(body, headers)],
        ['route', await viaRoute(body, headers)],
      ] as const) {
        const answer = (await res.json()) as { error: { code: string; message: string } };
        expect({ name, body, status: res.status, code: answer.error.code }).toEqual({
          name,
          body,
          status: 422,
          code: 'VALIDATION_FAILED',
        });
        expect(answer.error.message).toMatch(message);
      }
    }
    const found = (await (await documentedFetch(`${base}/api/v1/deposits?sha256=${sha256}`)).json()) as {
      deposits: unknown[];
    };
    expect(found.deposits).toEqual([]);
  });
});
