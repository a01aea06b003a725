/**
 * The baseline security headers every answer of the portal carries, written once: Next.js adds
 * them to its answers (next.config.ts `headers()`), and the front server (lib/front) to its own
 * answers, its errors and every answer it passes on from Next.js, where they are missing (Next.js
 * leaves them off its built-in redirects, such as the trailing-slash 308, and its 500s).
 * The Content-Security-Policy is not here: pages need a fresh nonce each, which proxy.ts sets.
 *
 * No `server-only`: next.config.ts reads this file outside the server bundle.
 *
 * @see https://owasp.org/www-project-secure-headers/
 */
export const SECURITY_HEADERS = {
  // Never guess a content type: a JSON or text answer is never run as a script or styled as HTML.
  'x-content-type-options': 'nosniff',
  // No page of the portal is framed (clickjacking); CSP frame-ancestors says the same to new browsers.
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
} as const satisfies Record<string, string>;

/**
 * Caching of an API answer that states none: not stored anywhere. Every API answer is
 * per-request data (deposits, lookups, proofs, errors) unless its endpoint says otherwise
 * (the checkpoint, the court's public key, a certificate).
 */
export const API_DEFAULT_CACHE_CONTROL = 'no-store';

/**
 * What the front server adds to the headers of an answer to `path` (names in lower case, as
 * node:http gives them): each baseline header the answer lacks and, on an API answer without a
 * caching policy, `Cache-Control: no-store`. An endpoint's own value for a header is kept.
 */
export function addEdgeHeaders(
  path: string,
  headers: Record<string, unknown>,
  publicUrl: string | undefined = process.env.NEXTAUTH_URL,
): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (headers[name] === undefined) headers[name] = value;
  }
  const hsts = strictTransportSecurity(publicUrl);
  if (hsts && headers['strict-transport-security'] === undefined) headers['strict-transport-security'] = hsts;
  if (headers['cache-control'] === undefined && isApiPath(path)) headers['cache-control'] = API_DEFAULT_CACHE_CONTROL;
}

/**
 * HSTS (RFC 6797) when the portal's configured public address (`NEXTAUTH_URL`) is https: browsers
 * then never again try it over plain HTTP, for a year. Browsers ignore the header on plain-HTTP
 * answers, so sending it on the front server's own port behind a TLS proxy is right; a portal
 * whose public address is http (the demo on localhost) sends none, since it would pin nothing.
 * No `includeSubDomains`: a court's portal is often one host among the court's others.
 */
export function strictTransportSecurity(publicUrl: string | undefined): string | undefined {
  return publicUrl?.toLowerCase().startsWith('https://') ? 'max-age=31536000' : undefined;
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/api?');
}
