/**
 * The front server's answer to Next.js's 500 for a page: the plain 503 page when its database
 * does not answer (a real refused connection: this file's pool points at a port nobody listens
 * on), the 500 unchanged when it does, and never for the API. Next.js is stood in for by a real
 * HTTP server answering 500 like its error document.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closePool } from '@/lib/db/pool';
import { freePort } from '@/scripts/lib/free-port';
import { proxyRequest, upstreamAgent } from './proxy';

const NEXT_ERROR_PAGE = '<!DOCTYPE html><html id="__next_error__"><body>Internal Server Error</body></html>';

let upstream: http.Server;
let front: http.Server;
let base: string;
const savedUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    req.resume();
    res.writeHead(req.url === '/fine' ? 200 : 500, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.url === '/fine' ? 'fine' : NEXT_ERROR_PAGE);
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const agent = upstreamAgent();
  const target = { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port, agent };
  front = http.createServer((req, res) => proxyRequest(req, res, target));
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(async () => {
  process.env.DATABASE_URL = savedUrl;
  await closePool();
  await new Promise((r) => front.close(r));
  await new Promise((r) => upstream.close(r));
});

async function useDatabase(url: string): Promise<void> {
  await closePool();
  process.env.DATABASE_URL = url;
}

// First: the front server has not found the database away yet.
describe('a page’s 500 while the database answers', () => {
  it('passes through unchanged: it is a real fault, not an outage', async () => {
    await useDatabase(inject('databaseUrl'));
    const response = await fetch(`${base}/cases/123`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe(NEXT_ERROR_PAGE);
  });
});

describe('a page’s 500 while the database is down', () => {
  it('becomes a plain 503 page in both languages, with Retry-After and no detail of the fault', async () => {
    await useDatabase(`postgresql://verity:x@127.0.0.1:${await freePort()}/verity`);
    const response = await fetch(`${base}/cases/123`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const text = await response.text();
    expect(text).toContain('平台暂时无法使用');
    expect(text).toContain('The portal is briefly unavailable');
    expect(text).not.toMatch(/<script|__next_error__|ECONNREFUSED|INTERNAL/);

    const head = await fetch(`${base}/ledger`, { method: 'HEAD' });
    expect(head.status).toBe(503);
    expect(await head.text()).toBe('');
  });

  it('keeps answering the page for a while after the database is back (the portal’s pools catch up)', async () => {
    await useDatabase(inject('databaseUrl'));
    const response = await fetch(`${base}/cases/123`);
    expect(response.status).toBe(503);
  });

  it('leaves the API’s answers and pages that did not fail alone', async () => {
    await useDatabase(`postgresql://verity:x@127.0.0.1:${await freePort()}/verity`);
    const api = await fetch(`${base}/api/v1/anything`);
    expect(api.status).toBe(500);
    expect(await api.text()).toBe(NEXT_ERROR_PAGE);
    const post = await fetch(`${base}/cases/123`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(500); // a server action's answer is not a page
    const fine = await fetch(`${base}/fine`);
    expect(fine.status).toBe(200);
    expect(await fine.text()).toBe('fine');
  });
});
