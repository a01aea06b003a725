import 'server-only';
/**
 * The forwarded headers (who asked, for which host, over which scheme) the front server hands
 * Next.js. Next.js believes them: X-Forwarded-Host is the origin its server actions compare with
 * the browser's Origin (their CSRF check), and -Proto decides the scheme of the URLs it builds.
 * So a client must not be able to write them: every forwarded header a request brings is removed
 * and X-Forwarded-For/-Host/-Proto are set from what the front server itself sees (its TCP peer,
 * the Host header, plain http) — unless the peer is a reverse proxy the court declared in
 * `VERITY_TRUSTED_PROXIES` (addresses or CIDR subnets, comma-separated), whose X-Forwarded-Host
 * and -Proto are kept and whose X-Forwarded-For is appended to (lib/auth/client-address.ts then
 * reads the entry that proxy added: isTrustedProxy).
 *
 * Node's own `net.BlockList` matches addresses and subnets (IPv4-mapped IPv6 included), so no
 * address parsing is written here.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7239 (Forwarded, dropped: Next.js reads the X- forms)
 */
import type http from 'node:http';
import net from 'node:net';

/** Forwarded headers a client might send that some software believes; none is passed on as sent. */
const CLIENT_FORWARDING =
  /^(?:x-forwarded-.*|forwarded|x-real-ip|x-client-ip|true-client-ip|x-original-(?:host|url)|x-rewrite-url|x-host)$/;

/**
 * The proxies whose forwarded headers are kept, from `VERITY_TRUSTED_PROXIES`: `null` when none is
 * declared. Throws on an entry that is neither an IP address nor an address/prefix, so a typo
 * stops the start instead of silently trusting nobody (or everybody).
 */
export function trustedProxies(setting = process.env.VERITY_TRUSTED_PROXIES): net.BlockList | null {
  if (process.env.VERITY_TRUST_PROXY !== undefined && setting === undefined) {
    // The old yes/no setting trusted whatever peer sent the request; one name for the one thing now.
    throw new Error(
      "VERITY_TRUST_PROXY is replaced by VERITY_TRUSTED_PROXIES: list the reverse proxies' addresses (e.g. 10.0.0.2 or 10.0.0.0/24) and remove VERITY_TRUST_PROXY",
    );
  }
  const entries = (setting ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = net.isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 4 ? 32 : 128;
    if (
      family === 0 ||
      extra !== undefined ||
      (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))
    ) {
      throw new Error(
        `VERITY_TRUSTED_PROXIES: "${entry}" is not an IP address or a subnet such as 10.0.0.0/8; list the reverse proxies' addresses, comma-separated`,
      );
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

let fromEnvironment: { setting: string | undefined; list: net.BlockList | null } | undefined;

/** Whether `address` is one of the declared reverse proxies (`VERITY_TRUSTED_PROXIES`, read once per value). */
export function isTrustedProxy(address: string): boolean {
  const setting = process.env.VERITY_TRUSTED_PROXIES;
  if (fromEnvironment?.setting !== setting) fromEnvironment = { setting, list: trustedProxies(setting) };
  return isTrusted(address, fromEnvironment?.list ?? null);
}

function isTrusted(peer: string, trusted: net.BlockList | null): boolean {
  if (!trusted || !peer) return false;
  return trusted.check(peer, net.isIP(peer) === 6 ? 'ipv6' : 'ipv4');
}

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value.join(', ') : value;
  return text?.trim() ? text : undefined;
}

/** Replaces every forwarded header in `headers` (the copy sent upstream) with what the front server vouches for. */
export function setForwardedHeaders(
  req: http.IncomingMessage,
  headers: http.OutgoingHttpHeaders,
  trusted: net.BlockList | null,
): void {
  for (const name of Object.keys(headers)) if (CLIENT_FORWARDING.test(name)) delete headers[name];
  const peer = req.socket.remoteAddress ?? '';
  const host = req.headers.host ?? '';
  if (!isTrusted(peer, trusted)) {
    headers['x-forwarded-for'] = peer;
    headers['x-forwarded-host'] = host;
    headers['x-forwarded-proto'] = 'http';
    return;
  }
  const forwardedFor = single(req.headers['x-forwarded-for']);
  headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${peer}` : peer;
  headers['x-forwarded-host'] = single(req.headers['x-forwarded-host']) ?? host;
  const proto = single(req.headers['x-forwarded-proto'])?.toLowerCase();
  headers['x-forwarded-proto'] = proto === 'https' ? 'https' : 'http';
}
