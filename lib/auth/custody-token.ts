import 'server-only';
/**
 * The confirmation a custody page's button carries (`?confirm=<token>`), for browsers that do not
 * say where a request came from (no `Sec-Fetch-Site`: older browsers, or a portal reached over
 * plain HTTP, to which browsers send no fetch metadata). Only the portal's own page can hand it
 * out, and another site cannot read that page (same-origin policy; the portal is never framed),
 * so a request that carries it was made from the portal's page by its own person.
 *
 * Token: `<expiry, Unix seconds>.<base64url HMAC-SHA256(key, "v1\n" person "\n" path "\n" expiry)>`,
 * bound to the person and the path (not the query: `?history=2` is the same exhibit), valid ten
 * minutes. The key is derived from NEXTAUTH_SECRET, as device tokens' is (device-token.ts);
 * without it no token is issued or accepted and such browsers see the button page each time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CUSTODY_TOKEN_PARAM = 'confirm';
const LIFETIME_SECONDS = 600;

export interface CustodyTokenOptions {
  personId: string;
  /** The URL's path, without query (`/api/v1/exhibits/<id>/file`). */
  path: string;
  now?: Date;
}

function key(): Buffer | undefined {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return undefined;
  return createHmac('sha256', secret).update('verity custody confirmation v1').digest();
}

function mac(k: Buffer, options: CustodyTokenOptions, expiry: number): Buffer {
  return createHmac('sha256', k).update(`v1\n${options.personId}\n${options.path}\n${expiry}`).digest();
}

/** A token for this person and path; undefined without a secret. */
export function issueCustodyToken(options: CustodyTokenOptions): string | undefined {
  const k = key();
  if (!k) return undefined;
  const expiry = Math.floor((options.now ?? new Date()).getTime() / 1000) + LIFETIME_SECONDS;
  return `${expiry}.${mac(k, options, expiry).toString('base64url')}`;
}

/** Whether `token` was issued for this person and path and has not expired. */
export function isValidCustodyToken(token: string | null | undefined, options: CustodyTokenOptions): boolean {
  const k = key();
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!k || !match) return false;
  const expiry = Number(match[1]);
  if (expiry * 1000 <= (options.now ?? new Date()).getTime()) return false;
  const given = Buffer.from(match[2] ?? '', 'base64url');
  const expected = mac(k, options, expiry);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
