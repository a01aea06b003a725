import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesEqual,
  bytesToBase64,
  bytesToHex,
  bytesToUtf8,
  hexToBytes,
  isCanonicalBase64Of,
  portableBase64,
  utf8ToBytes,
} from './encoding';
import { isTlogError } from './errors';
import { prng, randomBytes } from './testing/reference-tree';

function rejects(fn: () => unknown, code = 'INVALID_ENCODING'): void {
  try {
    fn();
  } catch (error) {
    expect(isTlogError(error) && error.code).toBe(code);
    return;
  }
  expect.unreachable('expected a TlogError');
}

describe('base64', () => {
  it('encodes as Node.js does, with the portable encoder browsers use too, and round-trips', () => {
    const next = prng(7);
    for (let length = 0; length <= 100; length++) {
      const whole = randomBytes(next, length + 5);
      const bytes = whole.subarray(3, 3 + length); // an offset view: only those bytes count
      const expected = Buffer.from(bytes).toString('base64');
      expect(portableBase64(bytes)).toBe(expected);
      expect(bytesToBase64(bytes)).toBe(expected);
      expect(base64ToBytes(expected)).toEqual(new Uint8Array(bytes));
    }
  });

  it('round-trips and matches node for lengths 0..100', () => {
    const random = prng(4);
    for (let length = 0; length <= 100; length++) {
      const bytes = randomBytes(random, length);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(text)).toEqual(bytes);
    }
  });

  it('has the RFC 4648 §10 test vectors', () => {
    const vectors = {
      '': '',
      f: 'Zg==',
      fo: 'Zm8=',
      foo: 'Zm9v',
      foob: 'Zm9vYg==',
      fooba: 'Zm9vYmE=',
      foobar: 'Zm9vYmFy',
    };
    for (const [plain, encoded] of Object.entries(vectors)) {
      expect(bytesToBase64(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base64ToBytes(encoded))).toBe(plain);
    }
  });

  it('rejects anything but canonical standard base64', () => {
    for (const bad of [
      'Zg',
      'Zg=',
      'Zg===',
      'Z===',
      '=Zg=',
      'Zm9v\n',
      ' Zm9v',
      'Zm9v YmFy',
      'Zh==',
      'Zm9=',
      'Zm-_',
      'Zm=v',
      'Zm9vÿ===',
    ]) {
      rejects(() => base64ToBytes(bad));
    }
    rejects(() => base64ToBytes(42 as unknown as string), 'INVALID_ARGUMENT');
  });
});

describe('isCanonicalBase64Of', () => {
  it('agrees with the strict decoder on encodings, one-character changes and wrong lengths', () => {
    const random = prng(41);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ é';
    const decodesTo = (text: string, length: number) => {
      try {
        return base64ToBytes(text).length === length;
      } catch {
        return false;
      }
    };
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const length = i % 40;
      let text = bytesToBase64(randomBytes(random, length));
      if (i % 3 !== 0 && text.length > 0) {
        const at = Math.floor(random() * text.length);
        text = text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at + 1);
      }
      if (i % 7 === 0) text = text.slice(0, -1);
      const expected = decodesTo(text, length);
      expect(isCanonicalBase64Of(text, length), `${JSON.stringify(text)} as ${length} bytes`).toBe(expected);
      if (expected) accepted++;
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});

describe('hex', () => {
  it('round-trips, lowercase out, either case in', () => {
    expect(bytesToHex(Uint8Array.of(0, 1, 0xab, 0xff))).toBe('0001abff');
    expect(hexToBytes('0001ABff')).toEqual(Uint8Array.of(0, 1, 0xab, 0xff));
    expect(hexToBytes('')).toEqual(new Uint8Array(0));
  });

  it('rejects odd lengths and non-hex characters', () => {
    for (const bad of ['0', 'abc', 'zz', '0x00', ' 00', '00 ', '+1']) rejects(() => hexToBytes(bad));
  });
});

describe('utf8 and equality', () => {
  it('rejects lone surrogates and invalid UTF-8 rather than replacing them', () => {
    rejects(() => utf8ToBytes('a\uD800b'));
    rejects(() => bytesToUtf8(Uint8Array.of(0xc3, 0x28)));
    expect(bytesToUtf8(utf8ToBytes('— 证据 ✓'))).toBe('— 证据 ✓');
  });

  it('compares bytes exactly', () => {
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
  });
});
