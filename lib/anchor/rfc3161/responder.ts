/**
 * The built-in RFC 3161 responder (demo only): node:http, `POST` of an
 * `application/timestamp-query` body answered with `application/timestamp-reply` (RFC 3161 §3.4,
 * time-stamp protocol via HTTP). Its authority is the demo CA kept in `dir`. Garbage is 400, a
 * wrong media type 415, a body over 16 KiB 413, another method 405; a well-formed request that it
 * will not grant (another hash algorithm, policy, extensions) is a 200 with a rejection status,
 * as the RFC wants. Each request is independent (no lock, no file write): the key is imported
 * once, serials are random 128-bit numbers, so concurrent requests only share the CPU.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3161#section-3.4
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerTimestampRequest, RequestMalformedError } from './answer-timestamp-request';
import { prepareTokenSigner } from './issue-token';
import { openDemoAuthority } from './open-demo-authority';

export const MAX_REQUEST_BYTES = 16 * 1024;

export interface StartTimestampResponderOptions {
  /** Where the demo authority is kept (created on first start). */
  dir: string;
  /** 0 (default) for any free port. */
  port?: number;
  host?: string;
}

export interface TimestampResponder {
  url: string;
  rootPem: string;
  tsaPem: string;
  stop(): Promise<void>;
}

export async function startTimestampResponder(o: StartTimestampResponderOptions): Promise<TimestampResponder> {
  const authority = await openDemoAuthority(o.dir);
  const signer = await prepareTokenSigner(authority.tsaPem, authority.tsaKeyPem);
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'the time-stamp could not be made'));
  });
  server.keepAliveTimeout = 60_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      req.resume();
      return send(res, 405, 'POST an application/timestamp-query', { allow: 'POST' });
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/timestamp-query') {
      req.resume();
      return send(res, 415, 'the body must be application/timestamp-query (RFC 3161 §3.4)');
    }
    const body = await readBody(req);
    if (!body) return send(res, 413, `a time-stamp request is at most ${MAX_REQUEST_BYTES} bytes`);
    try {
      const answer = await answerTimestampRequest({ request: body, signer });
      res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': answer.response.length });
      res.end(answer.response);
    } catch (e) {
      if (e instanceof RequestMalformedError) return send(res, 400, e.message);
      throw e;
    }
  }

  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    rootPem: authority.rootPem,
    tsaPem: authority.tsaPem,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The body, or null once it is over the limit (the rest is drained, not buffered). */
async function readBody(req: IncomingMessage): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
  }
  return size > MAX_REQUEST_BYTES ? null : new Uint8Array(Buffer.concat(chunks));
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}
