/**
 * Another site for the cross-site specs: a second local server at `localhost` (the portal is at
 * `127.0.0.1`, so for the browser another site), serving one page with one link `#go` to the
 * address given in its query string.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtherSite {
  /** The other site's page linking to `portalUrl`. */
  linkingTo(portalUrl: string): string;
  close(): Promise<void>;
}

export async function startOtherSite(): Promise<OtherSite> {
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://localhost').searchParams.get('to') ?? '';
    const href = target.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><title>Another site</title><a id="go" href="${href}">a link on another site</a>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    linkingTo: (portalUrl) => `${origin}/?to=${encodeURIComponent(portalUrl)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
