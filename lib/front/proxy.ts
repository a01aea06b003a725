import 'server-only';
/**
 * A minimal HTTP/1.1 reverse proxy from the front server to Next.js on loopback: the request
 * and the response are streamed (uploads and downloads of any size pass with back-pressure,
 * never buffered), hop-by-hop headers are dropped (RFC 9110 §7.6.1), and X-Forwarded-For,
 * -Host and -Proto say who asked — as the front server saw it, not as the client wrote it
 * (forwarded-headers.ts).
 *
 * Connections to Next.js are kept alive. Next.js may close an idle one just as a request is
 * sent on it (ECONNRESET): the agent drops idle sockets before Next.js would (UPSTREAM_IDLE_MS,
 * under the keep-alive timeout scripts/lib/portal.ts gives Next.js), and a GET or HEAD that
 * failed that way on a reused socket, before any answer, is sent once more on a new one.
 */
import http from 'node:http';
import type net from 'node:net';
import { setForwardedHeaders } from './forwarded-headers';
import { addEdgeHeaders } from './security-headers';
import { answerPageServerError, isPageRequest } from './unavailable-page';

export interface Upstream {
  host: string;
  port: number;
  agent: http.Agent;
  /** Reverse proxies whose forwarded headers are kept (forwarded-headers.ts `trustedProxies`); null: none. */
  trustedProxies?: net.BlockList | null;
}

/** How long an idle upstream connection is kept (Next.js keeps them NEXT_KEEP_ALIVE_MS). */
export const UPSTREAM_IDLE_MS = 30_000;
export const NEXT_KEEP_ALIVE_MS = 65_000;

export function upstreamAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 256, timeout: UPSTREAM_IDLE_MS });
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export function proxyRequest(req: http.IncomingMessage, res: http.ServerResponse, upstream: Upstream): void {
  const headers = withoutHopByHop(req.headers);
  setForwardedHeaders(req, headers, upstream.trustedProxies ?? null);
  send(req, res, upstream, headers, true);
}

function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  upstream: Upstream,
  headers: http.OutgoingHttpHeaders,
  mayRetry: boolean,
): void {
  const upstreamReq = http.request(
    { host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers, agent: upstream.agent },
    (upstreamRes) => {
      const answer = withoutHopByHop(upstreamRes.headers);
      addEdgeHeaders(req.url ?? '/', answer); // Next.js leaves them off its redirects and 500s
      if (upstreamRes.statusCode === 500 && isPageRequest(req)) {
        // Perhaps the database is away: then a plain 503 page rather than a generic 500.
        answerPageServerError(req, res, upstreamRes, answer);
        return;
      }
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, answer);
      upstreamRes.pipe(res);
      upstreamRes.once('error', () => res.destroy());
    },
  );
  upstreamReq.once('error', (error) => {
    if (mayRetry && canResend(req) && upstreamReq.reusedSocket && !res.headersSent && !res.destroyed) {
      send(req, res, upstream, headers, false); // the idle connection was closed under us
      return;
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({
      error: { code: 'UNAVAILABLE', message: `The portal is not answering (${error.message}); try again shortly.` },
    });
    const answer = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    };
    addEdgeHeaders(req.url ?? '/', answer);
    res.writeHead(502, answer);
    res.end(body);
  });
  // The caller went away: stop the upstream work too.
  const abandon = () => {
    if (!res.writableFinished) upstreamReq.destroy();
  };
  res.once('close', abandon);
  upstreamReq.once('close', () => res.off('close', abandon));
  if (mayRetry) req.pipe(upstreamReq);
  else upstreamReq.end(); // a resend: only bodiless requests are resent
}

/** A GET or HEAD without a body can be sent again after a connection failed under it. */
function canResend(req: http.IncomingMessage): boolean {
  const bodiless = req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined;
  return (req.method === 'GET' || req.method === 'HEAD') && bodiless;
}

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const listed = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    out[name] = value;
  }
  return out;
}
