import 'server-only';
/**
 * The portal's public URL: the origin every link in an e-mail starts with. Read here and only
 * here, so that a court setting for it (issue #16's settings page) has one place to go. Today it
 * is `NEXTAUTH_URL` (which `npm start` always sets: http://localhost:$PORT by default); only its
 * origin is used (next-auth reads a path there as its own API path, and the portal has no base
 * path). Async because a setting stored in the database will be read from there.
 */

/** The public origin, e.g. `https://verity.court.example` (no trailing slash). */
export async function publicUrl(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL;
  if (!configured)
    throw new Error('publicUrl: NEXTAUTH_URL is not set; start the portal with `npm start`, which sets it');
  const url = new URL(configured);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`publicUrl: the portal's URL must be http(s), got ${url.protocol}`);
  }
  return url.origin;
}
