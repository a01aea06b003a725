import 'server-only';
/**
 * Whether a request that records a custody event (viewing an exhibit, downloading an exhibit,
 * a certificate or a case's certificates) came from the person's own use of the portal, and not
 * from another site: the session cookie is SameSite=Lax, so a link or redirect on any site sends
 * it with a GET, and the event would be written in that person's name. The one place this is
 * decided; every such page and route asks here (custody-confirmation-response.ts for routes).
 *
 * By `Sec-Fetch-Site` (W3C Fetch Metadata Request Headers §2.1), as the Resource Isolation
 * Policy (web.dev/articles/fetch-metadata, OWASP CSRF Prevention Cheat Sheet) reads it:
 * - `same-origin`: a page or script of the portal — recorded.
 * - `none`: the person's own navigation (typed, a bookmark, the history, reopening a download);
 *   no site made it, so it is recorded and bookmarks keep working.
 * - `same-site` (a sibling host of the court's domain) and `cross-site`: not recorded; the person
 *   gets a page with a button to the same address, which their click makes same-origin.
 * - absent: browsers send it to HTTPS and loopback origins since 2019–2023 (Chromium 76, Firefox
 *   90, Safari 16.4), so its absence is an old browser, a portal reached over plain HTTP, or a
 *   non-browser client holding a session — none of which says where the request came from. They
 *   get the button page too, and its button carries a token bound to the person and the path
 *   (custody-token.ts) that only the portal's page can hand out, so it works for them as well.
 *   A script can follow the button's link; the API keys of depositors never reach these routes.
 */
import { CUSTODY_TOKEN_PARAM, issueCustodyToken, isValidCustodyToken } from './custody-token';

export interface CheckCustodyRequestOptions {
  /** The request's headers (a route's `request.headers`, a page's `await headers()`). */
  headers: Headers;
  /** The address asked for; only its path and query are used (the host may be an internal one). */
  url: string | URL;
  personId: string;
  now?: Date;
}

export type CustodyRequestCheck =
  | { own: true }
  | {
      own: false;
      /** What the browser said (`absent`: nothing). */
      site: 'cross-site' | 'same-site' | 'absent';
      /** The same address, relative, with a fresh confirmation token when one can be issued. */
      confirmHref: string;
    };

export function checkCustodyRequest(options: CheckCustodyRequestOptions): CustodyRequestCheck {
  const url = new URL(options.url, 'http://portal.invalid');
  const site = options.headers.get('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return { own: true };
  const bound = { personId: options.personId, path: url.pathname, now: options.now };
  // The token stands in for the header only where the header is missing: a browser that says
  // cross-site is believed even when the link carries a token (one copied out of a history).
  if (site === null && isValidCustodyToken(url.searchParams.get(CUSTODY_TOKEN_PARAM), bound)) return { own: true };
  url.searchParams.delete(CUSTODY_TOKEN_PARAM);
  const token = issueCustodyToken(bound);
  if (token) url.searchParams.set(CUSTODY_TOKEN_PARAM, token);
  return {
    own: false,
    site: site === 'same-site' ? 'same-site' : site === null ? 'absent' : 'cross-site',
    confirmHref: `${url.pathname}${url.search}`,
  };
}
