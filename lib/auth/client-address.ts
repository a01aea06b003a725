/**
 * The sign-in client's address, for the per-address rate limit, from X-Forwarded-For.
 *
 * Verity's front server (lib/front/proxy.ts) passes every page request to Next.js and appends
 * the address of its TCP peer to X-Forwarded-For, so that last entry is the only one a client
 * cannot write. Behind one trusted reverse proxy (`VERITY_TRUST_PROXY=true`), the peer is that
 * proxy, and the entry before it is the one the proxy appended: its own peer, the client.
 * Everything to the left of that came from the client and can be anything, so it is never read.
 * (The first entry had been read before: a client could send a new made-up address with every
 * attempt and never meet the per-address limit.)
 *
 * Without a trusted proxy there is no per-address limit, only the per-account one: behind a
 * proxy not declared, every client would share the proxy's address and one bucket.
 */
export function clientAddressFromForwarded(forwardedFor: unknown, trustProxy: boolean): string | undefined {
  if (!trustProxy || typeof forwardedFor !== 'string') return undefined;
  const entries = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  // [..., client (appended by the proxy), proxy (appended by the front server)]. A single entry:
  // a request that reached the front server without the proxy; its peer is the client.
  const address = entries.length >= 2 ? entries[entries.length - 2] : entries[0];
  return address && address.length <= 100 ? address : undefined;
}
