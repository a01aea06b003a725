/**
 * `Content-Disposition: attachment` for a file name that may hold Chinese: an ASCII fallback in
 * `filename` and the name itself in `filename*` (RFC 6266 §4.3, RFC 8187 UTF-8 encoding), which
 * every current browser prefers.
 */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
