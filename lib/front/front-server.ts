import 'server-only';
/**
 * The portal's front door: a plain node:http server on the public port. It answers the
 * ledger's endpoints itself (deposits, lookups, the log's checkpoint, key and consistency
 * proofs: lib/ledger/http) and upload PATCHes (lib/evidence/upload-patch-route.ts: the body
 * goes straight from the socket to the evidence store) and passes every other request, streamed both ways, to the Next.js
 * server listening on loopback. Next.js costs about 1.5 ms of CPU per request here before any
 * work is done (bench/RESULTS.md); a depositor's request needs a fraction of that. Every answer
 * that leaves it, its own or Next.js's, carries the baseline security headers (security-headers.ts).
 */
import http from 'node:http';
import { AppError } from '@/lib/errors/app-error';
import { errorResult, tooLarge } from '@/lib/errors/http';
import type { PlainAnswer } from '@/lib/evidence/upload-answers';
import { uploadPatchRoute } from '@/lib/evidence/upload-patch-route';
import { type ApiRequest, type ApiResult, ledgerRoute } from '@/lib/ledger/http/ledger-api';
import { startCosigning } from '@/lib/witnessing/cosigner';
import { trustedProxies } from './forwarded-headers';
import { proxyRequest, upstreamAgent } from './proxy';
import { toOriginForm } from './request-target';
import { addEdgeHeaders } from './security-headers';

export interface FrontServerOptions {
  port: number;
  host: string;
  /** Where Next.js listens (loopback). */
  upstream: { host: string; port: number };
  /** Reverse proxies whose forwarded headers are kept, as VERITY_TRUSTED_PROXIES (the default) lists them. */
  trustedProxies?: string;
}

export async function startFrontServer(options: FrontServerOptions): Promise<http.Server> {
  const agent = upstreamAgent();
  const trusted = trustedProxies(options.trustedProxies ?? process.env.VERITY_TRUSTED_PROXIES);
  // This process seals API deposits: with witnesses configured, its seals go to them (lib/witnessing).
  startCosigning();
  const server = http.createServer((req, res) => {
    const failed = (error: unknown) => {
      const { status, body } = errorResult(error); // the endpoints answer their own errors; this is the rest
      send(req, res, {
        status,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        body: JSON.stringify(body),
      });
    };
    try {
      toOriginForm(req); // before anything reads req.url: a target naming another host is refused
    } catch (error) {
      failed(error);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://front.invalid');
    const upload = uploadPatchRoute(req.method, url.pathname);
    if (upload) {
      void upload(req).then((answer) => sendUploadAnswer(req, res, answer));
      return;
    }
    const route = ledgerRoute(req.method, url.pathname);
    if (!route) {
      proxyRequest(req, res, { ...options.upstream, agent, trustedProxies: trusted });
      return;
    }
    route(nodeApiRequest(req, url)).then((result) => send(req, res, result), failed);
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeouts
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function nodeApiRequest(req: http.IncomingMessage, url: URL): ApiRequest {
  return {
    url,
    header(name) {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    body: (maxBytes) => readBody(req, maxBytes),
  };
}

function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        req.removeAllListeners('data');
        req.pause();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('aborted', () => reject(new AppError('MALFORMED_JSON', 'The request body was cut off.')));
  });
}

/**
 * An upload PATCH's answer. A body ended for being idle gets its 408 at once and the connection
 * closed (its client is sending nothing, so there is nothing to read first); other answers go
 * through send(), which reads the rest of a refused body before answering.
 */
function sendUploadAnswer(req: http.IncomingMessage, res: http.ServerResponse, answer: PlainAnswer): void {
  // Lower-case names, as addEdgeHeaders expects them (it adds only what is missing).
  const headers = Object.fromEntries(
    Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const result: ApiResult = { status: answer.status, headers, body: answer.body ?? '' };
  if (answer.status === 408 && !req.complete) writeAnswer(req, res, result, true);
  else send(req, res, result);
}

function send(req: http.IncomingMessage, res: http.ServerResponse, result: ApiResult): void {
  if (res.destroyed) return;
  if (req.complete) {
    writeAnswer(req, res, result, false);
    return;
  }
  // Refused before or while its body was read: the rest of the body is read and thrown away first.
  // Answering at once and closing would make the kernel reset the connection while the client is
  // still sending, and a client that writes its whole body before reading (many do) would see the
  // reset instead of the answer (RFC 9112 §9.6). A body that ends in time leaves the connection
  // usable; one too long or too slow gets the answer and a closed connection.
  void discardBody(req).then((complete) => writeAnswer(req, res, result, !complete));
}

function writeAnswer(req: http.IncomingMessage, res: http.ServerResponse, result: ApiResult, close: boolean): void {
  if (res.destroyed) return;
  const body = typeof result.body === 'string' ? Buffer.from(result.body, 'utf8') : result.body;
  const headers: Record<string, string | number> = { ...result.headers, 'content-length': body.length };
  // The unread rest of a body would be taken for the next request: the connection must end.
  if (close) headers.connection = 'close';
  addEdgeHeaders(req.url ?? '/', headers);
  res.writeHead(result.status, headers);
  res.end(body, () => {
    if (close) req.socket.destroy();
  });
}

/** How long, and how much more of a refused body, is read and thrown away before answering. */
const DISCARD_MS = 5_000;
const DISCARD_BYTES = 32 * 1024 * 1024;

/** Reads the rest of `req`'s body without keeping it: true when it ended within the limits. */
function discardBody(req: http.IncomingMessage): Promise<boolean> {
  return new Promise((resolve) => {
    let discarded = 0;
    let settled = false;
    const settle = (complete: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!complete) req.pause();
      resolve(complete);
    };
    const timer = setTimeout(() => settle(false), DISCARD_MS);
    req.removeAllListeners('data');
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_BYTES) settle(false);
    });
    req.once('end', () => settle(true));
    req.once('close', () => settle(req.complete));
    req.resume();
  });
}
