import 'server-only';
/**
 * The signed-in person of a raw `Cookie` header, for servers outside Next.js (the front server's
 * upload endpoint, lib/evidence/upload-patch-route.ts). The same answer getCurrentUser gives in a
 * route handler: next-auth's session cookie (a JWE, possibly split in chunks `.0`, `.1`, …)
 * decrypted with next-auth's own `getToken` and NEXTAUTH_SECRET, then the same check of its
 * `user_sessions` row and account (check-session.ts) the `jwt` callback runs. Only the cookie is
 * read: getToken's `Authorization: Bearer` fallback is not a way in that the portal offers.
 */
import { getToken } from 'next-auth/jwt';
import type { Actor } from './actor';
import { checkSession } from './check-session';

export async function sessionFromCookie(cookieHeader: string | undefined): Promise<Actor | null> {
  if (!cookieHeader) return null;
  const secureCookie = process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
  const name = secureCookie ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
  const cookies = new Map<string, string>();
  for (const part of cookieHeader.split(';')) {
    const at = part.indexOf('=');
    const key = part.slice(0, at).trim();
    if (at > 0 && key.startsWith(name)) cookies.set(key, decodeCookieValue(part.slice(at + 1).trim()));
  }
  if (cookies.size === 0) return null;
  // getToken wants a request; these two fields are all it reads (next-auth/core/lib/cookie.js SessionStore).
  const req = { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'];
  const token = await getToken({ req, secureCookie, cookieName: name });
  if (!token) return null;
  return checkSession({ sub: token.sub, sid: token.sid });
}

function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
