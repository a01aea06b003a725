import 'server-only';
/**
 * `Content-Disposition: attachment` for every download the portal serves (exhibit files,
 * certificate PDFs and ZIPs, deposit receipts and certificates), written once.
 *
 * Two parameters (RFC 6266 §4.3): `filename*=UTF-8''…`, which every current browser prefers, with
 * each byte outside RFC 8187's attr-char percent-encoded — `encodeURIComponent` leaves `'`, `(`,
 * `)`, `*` and `!` bare, and a bare `'` ends the value early, so browsers fell back to "file";
 * and `filename="…"`, an ASCII fallback for older clients: a quoted-string (RFC 9110 §5.6.4) with
 * `"` and `\` escaped, every character outside printable ASCII replaced, and `%` replaced too
 * (RFC 6266 Appendix D: some clients percent-decode the plain parameter).
 *
 * Written here rather than taken from the `content-disposition` package (present only as another
 * package's dependency): its fallback keeps ISO-8859-1 letters, which RFC 6266 Appendix D advises
 * against, and it leaves out `filename*` for names it considers safe. Its parser checks our
 * output in the tests.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6266
 * @see https://www.rfc-editor.org/rfc/rfc8187#section-3.2.1
 */

export interface AttachmentDispositionOptions {
  /**
   * The plain `filename` for old clients, when a better one than the name's ASCII shadow exists
   * (a ZIP named after a Chinese case number says `certificates.zip`). Sanitised like the name.
   */
  fallback?: string;
}

/** RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~". */
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;
const REPLACEMENT = '_';

export function attachmentDisposition(name: string, options: AttachmentDispositionOptions = {}): string {
  const fallback = asciiFallback(options.fallback ?? name) || 'download';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

/** RFC 8187 §3.2.1 value-chars: the UTF-8 bytes, attr-chars as they are, every other byte as %XX. */
function encodeExtValue(name: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(name)) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The name as a quoted-string's content: printable ASCII only, `%` replaced, `"` and `\` escaped. */
function asciiFallback(name: string): string {
  let out = '';
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code > 0x7e || char === '%') out += REPLACEMENT;
    else if (char === '"' || char === '\\') out += `\\${char}`;
    else out += char;
  }
  return out;
}
