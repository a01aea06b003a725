import 'server-only';
/**
 * What a person sees while the database is away: Next.js renders a page whose data cannot be
 * read as its generic 500 error document, which says nothing useful and tells monitors the
 * portal is broken. The front server holds such a 500 for a page (GET or HEAD outside /api),
 * asks the database itself, and if it does not answer, sends this plain page instead: 503 with
 * Retry-After (RFC 9110 §15.6.4, §10.2.3), in both languages, no script, no detail of the fault.
 * A 500 while the database answers is a real fault and passes through unchanged.
 */
import type http from 'node:http';
import { getPool } from '@/lib/db/pool';
import { RETRY_AFTER_SECONDS } from '@/lib/errors/http';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { addEdgeHeaders } from './security-headers';

/** A 500 page larger than this is passed on as it comes (Next.js's error document is ~2 KB). */
const MAX_HELD_BYTES = 256 * 1024;
const PROBE_TIMEOUT_MS = 3000;
/** After the database was last found unreachable, a page's 500 is still taken for the outage this long. */
const RECOVERY_GRACE_MS = 15_000;
let lastUnreachableAt = Number.NEGATIVE_INFINITY;

/** Whether a request is a page load whose 500 this module may answer. */
export function isPageRequest(req: http.IncomingMessage): boolean {
  const path = req.url ?? '/';
  return (req.method === 'GET' || req.method === 'HEAD') && path !== '/api' && !path.startsWith('/api/');
}

/**
 * Answers Next.js's 500 for a page: the unavailable page if the database does not answer,
 * else the 500 as it was. `headers` are the 500's own, already cleaned of hop-by-hop ones.
 */
export function answerPageServerError(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  upstreamRes: http.IncomingMessage,
  headers: http.OutgoingHttpHeaders,
): void {
  const chunks: Buffer[] = [];
  let held = 0;
  let passedOn = false;
  const passOn = () => {
    passedOn = true;
    res.writeHead(500, upstreamRes.statusMessage, headers);
    for (const chunk of chunks) res.write(chunk);
    upstreamRes.pipe(res);
  };
  upstreamRes.on('data', function hold(chunk: Buffer) {
    chunks.push(chunk);
    held += chunk.length;
    if (held > MAX_HELD_BYTES) {
      upstreamRes.off('data', hold);
      upstreamRes.pause();
      passOn();
    }
  });
  upstreamRes.once('error', () => res.destroy());
  upstreamRes.once('end', () => {
    if (passedOn) return;
    void databaseAnswers().then((answers) => {
      if (res.destroyed) return;
      if (!answers) lastUnreachableAt = Date.now();
      // Just back: Next.js's pools may still hold a connection from before (failing once), or
      // reach the database a moment later than this process did. Still the outage's doing.
      if (answers && Date.now() - lastUnreachableAt > RECOVERY_GRACE_MS) {
        res.writeHead(500, upstreamRes.statusMessage, headers);
        res.end(Buffer.concat(chunks));
      } else {
        sendUnavailablePage(req, res);
      }
    });
  });
}

/** Whether the database answers a trivial query within a few seconds. */
async function databaseAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      getPool()
        .query('SELECT 1')
        .then(
          () => true,
          () => false,
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function sendUnavailablePage(req: http.IncomingMessage, res: http.ServerResponse): void {
  const body = Buffer.from(unavailablePageHtml(), 'utf8');
  const headers: Record<string, string | number> = {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    'retry-after': RETRY_AFTER_SECONDS,
    // The page has no script and no resource of its own: nothing else may run or load.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  };
  addEdgeHeaders(req.url ?? '/', headers);
  res.writeHead(503, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function unavailablePageHtml(): string {
  const section = (lang: string, m: typeof en) =>
    `<section lang="${lang}"><h1>${escapeHtml(m.errors.unavailableTitle)}</h1><p>${escapeHtml(m.errors.unavailableBody)}</p></section>`;
  return (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(`${zh.errors.unavailableTitle} · ${en.errors.unavailableTitle}`)}</title>` +
    '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6;color:#1f2937}' +
    'h1{font-size:1.35rem}section+section{margin-top:2rem;border-top:1px solid #e5e7eb;padding-top:1rem}</style></head>' +
    `<body><main>${section('zh-CN', zh)}${section('en', en)}</main></body></html>`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
