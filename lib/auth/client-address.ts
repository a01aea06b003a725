/**
 * The sign-in client's address, for the sign-in limits, from X-Forwarded-For.
 *
 * Verity's front server (lib/front/proxy.ts) passes every page request to Next.js and appends
 * the address of its TCP peer to X-Forwarded-For (lib/front/forwarded-headers.ts), so that last
 * entry is the only one a client cannot write: without a proxy in front, it is the client. When
 * that peer is a reverse proxy the court declared (`VERITY_TRUSTED_PROXIES`), the entry before it
 * is the one the proxy appended: its own peer, the client. Everything to the left of that came from the client
 * and can be anything, so it is never read. (The first entry had been read before: a client could
 * send a new made-up address with every attempt and never meet the per-address limit.)
 *
 * Behind a proxy that is not declared, every client has the proxy's address: the limits per
 * address then fall on all clients together (SECURITY.md "Known limits").
 */
export function clientAddressFromForwarded(
  forwardedFor: unknown,
  isProxy: boolean | ((address: string) => boolean),
): string | undefined {
  if (typeof forwardedFor !== 'string') return undefined;
  const entries = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  // Without a trusted proxy: [..., client (appended by the front server)]. With one:
  // [..., client (appended by the proxy), proxy (appended by the front server)]; a single entry
  // is a request that reached the front server without the proxy, whose peer is the client.
  const last = entries[entries.length - 1];
  const viaProxy = last !== undefined && (typeof isProxy === 'function' ? isProxy(last) : isProxy);
  const address = viaProxy && entries.length >= 2 ? entries[entries.length - 2] : last;
  return address && address.length <= 100 ? address : undefined;
}

/**
 * The part of an address that names one client for a limit: an IPv4 address (IPv4-mapped IPv6
 * written as IPv4), or the /64 prefix of an IPv6 address — one subscriber usually holds a whole
 * /64, and counting each of its 2^64 addresses apart would be no limit at all. Anything else is
 * kept as written (lowercased).
 */
export function addressKey(address: string): string {
  const value = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped?.[1]) return mapped[1];
  if (!value.includes(':')) return value;
  const groups = expandIpv6(value.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : value;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros; null when it is not one. */
function expandIpv6(value: string): string[] | null {
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const part = (text: string | undefined) => (text ? text.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array.from({ length: halves.length === 2 ? missing : 0 }, () => '0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => Number.parseInt(g, 16).toString(16));
}
