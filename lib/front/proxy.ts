import 'server-only';
/**
 * A minimal HTTP/1.1 reverse proxy from the front server to Next.js on loopback: the request
 * and the response are streamed (uploads and downloads of any size pass with back-pressure,
 * never buffered), hop-by-hop headers are dropped (RFC 9110 §7.6.1), and X-Forwarded-For,
 * -Host and -Proto say who asked.
 */
import type http from 'node:http';
import { request as httpRequest } from 'node:http';

export interface Upstream {
  host: string;
  port: number;
  agent: http.Agent;
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
  const client = req.socket.remoteAddress ?? '';
  const forwarded = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwarded ? `${forwarded}, ${client}` : client;
  headers['x-forwarded-host'] ??= req.headers.host ?? '';
  headers['x-forwarded-proto'] ??= 'http';

  const upstreamReq = httpRequest(
    { host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers, agent: upstream.agent },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, withoutHopByHop(upstreamRes.headers));
      upstreamRes.pipe(res);
      upstreamRes.once('error', () => res.destroy());
    },
  );
  upstreamReq.once('error', (error) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({
      error: { code: 'UNAVAILABLE', message: `The portal is not answering (${error.message}); try again shortly.` },
    });
    res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  // The caller went away: stop the upstream work too.
  res.once('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });
  req.pipe(upstreamReq);
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
