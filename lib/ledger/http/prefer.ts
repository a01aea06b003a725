/**
 * The `Prefer` request header (RFC 7240): whether the client asked for `return=minimal`.
 * Preferences are comma-separated, names and these values case-insensitive, values possibly
 * quoted, each possibly followed by `;` parameters; anything not understood is ignored, as the
 * RFC requires. When both return preferences are given, the last one wins.
 * @see https://www.rfc-editor.org/rfc/rfc7240
 */
export function prefersMinimalReturn(header: string | null): boolean {
  if (!header) return false;
  let minimal = false;
  for (const preference of header.split(',')) {
    const [nameValue = ''] = preference.split(';', 1);
    const equals = nameValue.indexOf('=');
    if (equals < 0) continue;
    const name = nameValue.slice(0, equals).trim().toLowerCase();
    const value = nameValue
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (name !== 'return') continue;
    if (value === 'minimal') minimal = true;
    else if (value === 'representation') minimal = false;
  }
  return minimal;
}
