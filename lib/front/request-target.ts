import 'server-only';
/**
 * The request target in absolute form (`GET http://host/path HTTP/1.1`, RFC 9112 §3.2.2), which
 * a client may send to any server. Passed on as it came, Next.js builds its URLs — redirects
 * included — on the host the target names, so a request for another host got a redirect there.
 * The front server is no forward proxy: a target naming another host is refused (400), and one
 * naming the portal's own host is turned into the origin form (path and query) every later step
 * expects, its host becoming the Host header as §3.2.2 requires.
 *
 * The portal's own host is the configured public URL's (NEXTAUTH_URL, which `npm start` always
 * sets) or the Host header the request came with: a client naming the latter in the target gains
 * nothing it could not already do with the Host header alone.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9112#section-3.2.2
 */
import type http from 'node:http';
import { AppError } from '@/lib/errors/app-error';

/** `host[:port]` as URL.host spells it (lowercase, default port left out); null for no valid host. */
function authority(protocol: string, host: string | undefined): string | null {
  if (!host) return null;
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return null;
  }
}

/**
 * Makes `req.url` origin-form: unchanged when it already is (or is `*`); rewritten when it names
 * the portal's own host; AppError REQUEST_TARGET_REFUSED (400) otherwise.
 * `publicUrl`: the portal's configured public URL, if any.
 */
export function toOriginForm(req: http.IncomingMessage, publicUrl = process.env.NEXTAUTH_URL): void {
  const target = req.url ?? '/';
  if (target.startsWith('/') || target === '*') return;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw refused(`The request target "${target.slice(0, 100)}" is not a path or an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refused(`The request target's scheme ${url.protocol} is not served here; send a path such as /verify.`);
  }
  let configured: string | null = null;
  try {
    if (publicUrl) configured = new URL(publicUrl).host;
  } catch {
    configured = null; // an unusable setting is reported by the environment's own check
  }
  const own = [configured, authority(url.protocol, req.headers.host)].filter((h): h is string => h !== null);
  if (!own.includes(url.host)) {
    throw refused(
      `This server answers only for ${own.join(' and ') || 'its own host'}, not ${url.host}; send the request to that host with a path as its target.`,
    );
  }
  req.url = `${url.pathname}${url.search}`;
  req.headers.host = url.host;
}

function refused(message: string): AppError {
  return new AppError('REQUEST_TARGET_REFUSED', message);
}
