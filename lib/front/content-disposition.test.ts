import { parse } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition';

/** The header with only its plain `filename` (what a client without RFC 8187 support reads). */
const withoutExtValue = (header: string) => header.replace(/; filename\*=.*$/, '');

const NAMES = [
  "O'Brien (final) *signed*.pdf",
  '100% sure; really.txt',
  'say "hi" \\ back.txt',
  'a  b\tc.txt',
  '起诉状（2026）京0491民初1234号.pdf',
  '📎 evidence 🧾.png',
  'invoice\u202efdp.exe',
  'x!#$&+-.^_`|~y',
  'résumé.docx',
];

describe('attachmentDisposition', () => {
  it.each(NAMES)('round-trips %j through a real RFC 6266 parser', (name) => {
    const header = attachmentDisposition(name);
    const parsed = parse(header);
    expect(parsed.type).toBe('attachment');
    expect(parsed.parameters.filename).toBe(name);
  });

  it.each(NAMES)('encodes every byte outside attr-char in filename* for %j', (name) => {
    const ext = attachmentDisposition(name).split("filename*=UTF-8''")[1] ?? '';
    expect(ext).toMatch(/^(?:%[0-9A-F]{2}|[A-Za-z0-9!#$&+\-.^_`|~])+$/);
  });

  it('gives old clients a printable-ASCII fallback with quotes and backslashes escaped', () => {
    const header = attachmentDisposition('say "hi" \\ 100% 证据\u202e.txt');
    expect(withoutExtValue(header)).toBe('attachment; filename="say \\"hi\\" \\\\ 100_ ___.txt"');
    expect(parse(withoutExtValue(header)).parameters.filename).toBe('say "hi" \\ 100_ ___.txt');
  });

  it("percent-encodes ' ( ) * which encodeURIComponent leaves bare", () => {
    expect(attachmentDisposition("it's (a)*.txt")).toBe(
      "attachment; filename=\"it's (a)*.txt\"; filename*=UTF-8''it%27s%20%28a%29%2A.txt",
    );
  });

  it('uses the fallback given, sanitised, and never an empty one', () => {
    expect(
      attachmentDisposition('（2026）京0491民初1234号-certificates.zip', { fallback: 'certificates.zip' }),
    ).toMatch(/^attachment; filename="certificates\.zip"; filename\*=UTF-8''%EF%BC%882026/);
    expect(withoutExtValue(attachmentDisposition('x', { fallback: '证据"' }))).toBe('attachment; filename="__\\""');
    expect(withoutExtValue(attachmentDisposition(''))).toBe('attachment; filename="download"');
  });

  it('encodes a lone surrogate as U+FFFD rather than failing', () => {
    expect(parse(attachmentDisposition('a\ud800b')).parameters.filename).toBe('a\ufffdb');
  });
});
