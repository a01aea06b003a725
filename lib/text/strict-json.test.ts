import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { parseStrictJson } from './strict-json';

function refusal(text: string): string {
  try {
    parseStrictJson(text);
  } catch (error) {
    if (isAppError(error, 'VALIDATION_FAILED')) return error.message;
    throw error;
  }
  throw new Error(`accepted: ${text}`);
}

describe('parseStrictJson', () => {
  it('gives what JSON.parse gives for JSON without duplicates or inexact numbers', () => {
    for (const text of [
      '{"a":1,"b":[1,2,{"a":2}],"c":{"a":{"a":3}}}',
      '[{"x":1},{"x":2}]',
      '{"a\\"b":"\\"{\\\\","a\\\\":1,"k":"}],\\"a\\":"}',
      '{"max":9007199254740991,"min":-9007199254740991,"f":0.1,"e":1e2,"z":-0,"one":1.0,"tiny":5e-324}',
      '{"big":1.5e300,"zero":0e5,"s":"9007199254740993"}',
      '"text"',
      '42',
      ' {} ',
    ]) {
      expect(parseStrictJson(text)).toEqual(JSON.parse(text));
    }
  });

  it('refuses a member name given twice, at any depth and however it is escaped, naming where', () => {
    expect(refusal('{"digests":{},"digests":{}}')).toMatch(
      /^digests: the member name "digests" appears more than once/,
    );
    expect(refusal('{"deposits":[{"a":1},{"metadata":{"n":1,"m":2,"n":3}}]}')).toMatch(/^deposits\[1\]\.metadata\.n: /);
    expect(refusal('{"title":"x","\\u0074itle":"y"}')).toMatch(/^title: /);
    expect(refusal('[[{"k":[1,2,{"z":0,"z":0}]}]]')).toMatch(/^\[0\]\[0\]\.k\[2\]\.z: /);
  });

  it('refuses integers beyond ±(2^53−1), numbers that overflow and non-zero numbers that underflow', () => {
    expect(refusal('{"metadata":{"n":9007199254740993}}')).toMatch(
      /^metadata\.n: the integer 9007199254740993 is beyond/,
    );
    expect(refusal('{"n":9007199254740992}')).toMatch(/beyond/);
    expect(refusal('[-9007199254740992]')).toMatch(/^\[0\]: /);
    expect(refusal('{"n":123456789012345678901234567890}')).toMatch(/beyond/);
    expect(refusal('{"n":1e400}')).toMatch(/too large/);
    expect(refusal('{"n":-1.5e309}')).toMatch(/too large/);
    expect(refusal('{"n":1e-400}')).toMatch(/too small/);
  });

  it('leaves syntax errors to JSON.parse (the caller answers MALFORMED_JSON)', () => {
    expect(() => parseStrictJson('{"a":1,}')).toThrow(SyntaxError);
    expect(() => parseStrictJson('{"a":01}')).toThrow(SyntaxError);
  });
});
