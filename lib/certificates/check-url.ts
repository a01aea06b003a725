import 'server-only';
/**
 * Where a certificate's public check page lives: `<public origin>/certificates/{id}`, the URL its
 * PDF prints and encodes in the QR code. The public origin is the portal's configured public URL
 * (`NEXTAUTH_URL`, which `npm start` always sets: http://localhost:$PORT by default) so that a
 * PDF says the same thing whoever downloads it and through whichever proxy; only when it is unset
 * (a bare `next start`) does the request's own origin stand in. Only the origin of NEXTAUTH_URL
 * is used: next-auth reads a path there as its own API path, and the portal has no base path.
 */

/** The portal's public origin, e.g. `https://verity.court.example` (no trailing slash). */
export function publicOrigin(requestUrl?: string | URL): string {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return originOf(new URL(configured));
    } catch {
      // Refused at start-up (lib/env/server-env.ts); a bad value here falls back to the request.
    }
  }
  if (requestUrl !== undefined) return originOf(new URL(requestUrl));
  throw new Error('publicOrigin: NEXTAUTH_URL is not set and there is no request to take the origin from');
}

function originOf(url: URL): string {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`publicOrigin: the portal's URL must be http(s), got ${url.protocol}`);
  }
  return url.origin;
}

/** The public check page of certificate `id` under `origin`. */
export function certificateCheckUrl(origin: string, id: string): string {
  return `${origin.replace(/\/+$/, '')}/certificates/${encodeURIComponent(id)}`;
}
