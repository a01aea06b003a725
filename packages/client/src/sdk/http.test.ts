/**
 * The SDK's HTTP edge against a real node:http server on 127.0.0.1: answers past the size cap
 * refused (declared or streamed), Retry-After as seconds and as an HTTP date, a server that
 * does not answer in time, the caller's abort (also during a wait), the portal's error body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerityError } from './errors';
import { createHttpClient, httpError, retryAfterMs } from './http';

let server: http.Server;
let url: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/big-declared') {
      res.writeHead(200, { 'content-length': '5000' });
      res.end('x'.repeat(5000));
    } else if (path === '/big-streamed') {
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write('y'.repeat(1000));
      res.end();
    } else if (path === '/busy') {
      res.writeHead(503, {
        'retry-after': new Date(Date.now() + 1500).toUTCString(),
        'content-type': 'application/json',
      });
      res.end('{"error":{"code":"UNAVAILABLE","message":"The ledger is busy."}}');
    } else if (path === '/silent') {
      // Never answers: the client's timeout must end it.
    } else {
      res.writeHead(200);
      res.end('ok');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<VerityError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VerityError);
  return error as VerityError;
}

describe('createHttpClient', () => {
  it('refuses answers past the cap, declared or streamed, without retrying', async () => {
    const get = createHttpClient({ url, maxResponseBytes: 4096, backoffMs: 1 });
    expect((await failure(get({ method: 'GET', path: '/big-declared' }))).code).toBe('INVALID_RESPONSE');
    expect((await failure(get({ method: 'GET', path: '/big-streamed' }))).code).toBe('INVALID_RESPONSE');
    expect(hits.get('/big-streamed')).toBe(1);
    expect((await get({ method: 'GET', path: '/small' })).text).toBe('ok');
  });

  it('waits what a Retry-After date asks, then gives up with the portal’s message', async () => {
    const get = createHttpClient({ url, retries: 1, backoffMs: 1 });
    const started = Date.now();
    const error = await failure(get({ method: 'GET', path: '/busy' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(400); // the date has second precision
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/HTTP 503 \(UNAVAILABLE: The ledger is busy\.\) \(gave up after 2 attempts\)/);
  });

  it('ends an attempt that gets no answer in time, and stops at once when the caller aborts', async () => {
    const get = createHttpClient({ url, retries: 1, backoffMs: 1, timeoutMs: 200 });
    const error = await failure(get({ method: 'GET', path: '/silent' }));
    expect(error).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('did not answer within 200 ms'),
    });
    const controller = new AbortController();
    const slow = createHttpClient({ url, backoffMs: 60_000 });
    const before = hits.get('/busy') ?? 0;
    const pending = failure(slow({ method: 'GET', path: '/busy', signal: controller.signal }));
    await new Promise<void>((resolve) => {
      const poll = () => ((hits.get('/busy') ?? 0) > before ? resolve() : setTimeout(poll, 5));
      poll();
    });
    controller.abort(new Error('the user cancelled'));
    expect(await pending).toMatchObject({ code: 'ABORTED', message: 'the request was aborted: the user cancelled' });
  });
});

describe('retryAfterMs and httpError', () => {
  it('reads seconds and dates, caps at 60 s, ignores nonsense', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Mon, 07 Dec 2026 10:00:02 GMT', now)).toBe(2000);
    expect(retryAfterMs('Mon, 07 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('3600', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('keeps the portal’s code and message, and calls 401/403 UNAUTHORIZED', () => {
    const body = '{"error":{"code":"KEY_REVOKED","message":"This API key was revoked."}}';
    expect(httpError({ status: 401, headers: new Headers(), text: body }, 'the deposit')).toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
      portalCode: 'KEY_REVOKED',
      message: 'the deposit: HTTP 401 KEY_REVOKED: This API key was revoked.',
    });
    expect(httpError({ status: 500, headers: new Headers(), text: '<html>' }, 'x')).toMatchObject({
      code: 'HTTP',
      message: 'x: HTTP 500',
    });
  });
});
