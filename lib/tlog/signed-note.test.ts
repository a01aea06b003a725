import { describe, expect, it } from 'vitest';
import { formatSignedNote, MAX_NOTE_SIGNATURES, parseSignedNote } from './signed-note';
import { codeOf } from './testing/code-of';

const SIG = Buffer.from(Uint8Array.from({ length: 68 }, (_, i) => i)).toString('base64');
const LINE = `— example.com/log ${SIG}\n`;

describe('parseSignedNote / formatSignedNote', () => {
  it('splits text and signatures at the last empty line', () => {
    const note = parseSignedNote(`para one\n\npara two\n\n${LINE}${LINE.replace('example.com/log', 'w.example')}`);
    expect(note.text).toBe('para one\n\npara two\n');
    expect(note.signatures.map((s) => [s.name, s.keyId, s.signature.length])).toEqual([
      ['example.com/log', 0x00010203, 64],
      ['w.example', 0x00010203, 64],
    ]);
    expect(formatSignedNote(note)).toBe(
      `para one\n\npara two\n\n${LINE}${LINE.replace('example.com/log', 'w.example')}`,
    );
  });

  it('treats lines before the last empty line as text, even if they look like signatures', () => {
    const note = parseSignedNote(`text\n\n${LINE}\n${LINE}`);
    expect(note.text).toBe(`text\n\n${LINE}`);
    expect(note.signatures).toHaveLength(1);
  });

  it('accepts up to the signature limit and no more', () => {
    expect(parseSignedNote(`t\n\n${LINE.repeat(MAX_NOTE_SIGNATURES)}`).signatures).toHaveLength(MAX_NOTE_SIGNATURES);
    expect(codeOf(() => parseSignedNote(`t\n\n${LINE.repeat(MAX_NOTE_SIGNATURES + 1)}`))).toBe('MALFORMED_NOTE');
  });

  it.each([
    ['no empty line', `text\n${LINE}`],
    ['no signatures', 'text\n\n'],
    ['signature without final newline', `text\n\n${LINE.slice(0, -1)}`],
    ['hyphen instead of em dash', `text\n\n${LINE.replace('—', '-')}`],
    ['en dash instead of em dash', `text\n\n${LINE.replace('—', '–')}`],
    ['no space after the dash', `text\n\n${LINE.replace('— ', '—')}`],
    ['missing signature', 'text\n\n— example.com/log\n'],
    ['empty signature', 'text\n\n— example.com/log \n'],
    ['empty key name', `text\n\n—  ${SIG}\n`],
    ['plus in key name', `text\n\n${LINE.replace('example.com/log', 'a+b')}`],
    ['two spaces', `text\n\n${LINE.replace(' example', '  example')}`],
    ['trailing space', `text\n\n${LINE.replace('\n', ' \n')}`],
    ['bad base64', `text\n\n${LINE.replace(SIG, `${SIG.slice(0, -1)}!`)}`],
    ['non-canonical base64', `text\n\n— example.com/log AAAAAAB=\n`],
    ['signature of 4 bytes (key ID only)', 'text\n\n— example.com/log AAAAAA==\n'],
    ['carriage return', `text\r\n\n${LINE}`],
    ['NUL byte', `te\u0000xt\n\n${LINE}`],
    ['escape', `te\u001bxt\n\n${LINE}`],
  ])('rejects %s', (_, note) => {
    expect(codeOf(() => parseSignedNote(note))).toBe('MALFORMED_NOTE');
  });

  it('rejects invalid UTF-8 bytes and lone surrogates', () => {
    const bytes = new TextEncoder().encode(`text\n\n${LINE}`);
    bytes[1] = 0xff;
    expect(codeOf(() => parseSignedNote(bytes))).toBe('INVALID_ENCODING');
    expect(codeOf(() => parseSignedNote(`te\uDC00xt\n\n${LINE}`))).toBe('MALFORMED_NOTE');
  });

  it('refuses to format notes it could not parse back', () => {
    const sig = { name: 'a', keyId: 1, signature: new Uint8Array(64) };
    expect(codeOf(() => formatSignedNote({ text: 'no newline', signatures: [sig] }))).toBe('MALFORMED_NOTE');
    expect(codeOf(() => formatSignedNote({ text: 't\n', signatures: [] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatSignedNote({ text: 't\n', signatures: [{ ...sig, name: 'a b' }] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => formatSignedNote({ text: 't\n', signatures: [{ ...sig, keyId: 2 ** 32 }] }))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});
