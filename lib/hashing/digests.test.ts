import { describe, expect, it } from 'vitest';
import { assertAlgorithms, bytesToHex, digestsEqual, hexToBytes, normaliseHexDigest } from './digests';
import { isHashingError } from './errors';
import { hashingError } from './hashing.testing';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const EMPTY_SM3 = '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b';
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const ABC_SM3 = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isHashingError(error) ? error.code : `not a HashingError: ${String(error)}`;
  }
  return undefined;
}

describe('normaliseHexDigest', () => {
  it('accepts upper case and surrounding whitespace, and returns lowercase', () => {
    expect(normaliseHexDigest(`  ${EMPTY_SHA256.toUpperCase()}\n`, 'sha256')).toBe(EMPTY_SHA256);
    expect(normaliseHexDigest(EMPTY_SM3.toUpperCase(), 'sm3')).toBe(EMPTY_SM3);
    expect(normaliseHexDigest(EMPTY_SHA256, 'sha256')).toBe(EMPTY_SHA256);
  });

  it('rejects a wrong length with an exact message', () => {
    expect(() => normaliseHexDigest(EMPTY_SHA256.slice(0, 63), 'sha256')).toThrow(
      hashingError('MALFORMED_DIGEST', 'sha256 digest must be 64 hex digits, got 63'),
    );
    expect(() => normaliseHexDigest(`${EMPTY_SM3}00`, 'sm3')).toThrow(
      hashingError('MALFORMED_DIGEST', 'sm3 digest must be 64 hex digits, got 66'),
    );
    expect(codeOf(() => normaliseHexDigest(EMPTY_SHA256.slice(2), 'sha256'))).toBe('MALFORMED_DIGEST');
  });

  it('rejects the empty string and whitespace alone', () => {
    expect(() => normaliseHexDigest('', 'sha256')).toThrow(
      hashingError('MALFORMED_DIGEST', 'sha256 digest must be 64 hex digits, got 0'),
    );
    expect(() => normaliseHexDigest('   ', 'sm3')).toThrow(
      hashingError('MALFORMED_DIGEST', 'sm3 digest must be 64 hex digits, got 0'),
    );
  });

  it('rejects non-hex characters, inner spaces and a 0x prefix', () => {
    const message = 'sha256 digest must contain only hex digits 0-9, a-f, A-F';
    expect(() => normaliseHexDigest(`${EMPTY_SHA256.slice(0, 63)}g`, 'sha256')).toThrow(
      hashingError('MALFORMED_DIGEST', message),
    );
    expect(() => normaliseHexDigest(`${EMPTY_SHA256.slice(0, 31)} ${EMPTY_SHA256.slice(32)}`, 'sha256')).toThrow(
      hashingError('MALFORMED_DIGEST', message),
    );
    expect(codeOf(() => normaliseHexDigest(`0x${EMPTY_SHA256.slice(2)}`, 'sha256'))).toBe('MALFORMED_DIGEST');
  });

  it('rejects a non-string and an unknown algorithm as caller errors', () => {
    expect(codeOf(() => normaliseHexDigest(42 as unknown as string, 'sha256'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => normaliseHexDigest(EMPTY_SHA256, 'md5' as 'sha256'))).toBe('INVALID_ARGUMENT');
  });
});

describe('digestsEqual', () => {
  const empty = { sha256: EMPTY_SHA256, sm3: EMPTY_SM3 };

  it('is true for equal digests, whatever their case', () => {
    expect(digestsEqual(empty, { ...empty })).toBe(true);
    expect(digestsEqual(empty, { sha256: EMPTY_SHA256.toUpperCase(), sm3: EMPTY_SM3 })).toBe(true);
  });

  it('is false when any common algorithm differs', () => {
    expect(digestsEqual(empty, { sha256: ABC_SHA256, sm3: ABC_SM3 })).toBe(false);
    expect(digestsEqual(empty, { sha256: EMPTY_SHA256, sm3: ABC_SM3 })).toBe(false);
    expect(digestsEqual(empty, { sha256: ABC_SHA256, sm3: EMPTY_SM3 })).toBe(false);
  });

  it('compares only the algorithms present in both', () => {
    expect(digestsEqual(empty, { sm3: EMPTY_SM3 })).toBe(true);
    expect(digestsEqual({ sha256: EMPTY_SHA256 }, empty)).toBe(true);
    expect(digestsEqual({ sha256: ABC_SHA256 }, empty)).toBe(false);
  });

  it('throws NO_COMMON_ALGORITHM rather than answering false when nothing can be compared', () => {
    expect(() => digestsEqual({ sha256: EMPTY_SHA256 }, { sm3: EMPTY_SM3 })).toThrow(
      hashingError(
        'NO_COMMON_ALGORITHM',
        'digests share no algorithm to compare; expected at least one of sha256, sm3 in both',
      ),
    );
    expect(codeOf(() => digestsEqual({}, {}))).toBe('NO_COMMON_ALGORITHM');
  });

  it('throws on a malformed digest instead of comparing it', () => {
    expect(codeOf(() => digestsEqual({ sha256: EMPTY_SHA256.slice(1) }, empty))).toBe('MALFORMED_DIGEST');
  });
});

describe('hex and bytes', () => {
  it('round-trips', () => {
    const bytes = new Uint8Array([0, 1, 0x7f, 0x80, 0xfe, 0xff]);
    expect(bytesToHex(bytes)).toBe('00017f80feff');
    expect(hexToBytes('00017F80FEFF')).toEqual(bytes);
    expect(hexToBytes('')).toEqual(new Uint8Array(0));
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToHex(every)).toBe(Buffer.from(every).toString('hex'));
    expect(hexToBytes(Buffer.from(every).toString('hex'))).toEqual(every);
    expect(hexToBytes(Buffer.from(every).toString('hex').toUpperCase())).toEqual(every);
  });

  it('rejects odd length and non-hex with exact messages', () => {
    expect(() => hexToBytes('abc')).toThrow(
      hashingError('MALFORMED_DIGEST', 'hex must have an even number of digits, got 3'),
    );
    expect(() => hexToBytes('zz')).toThrow(
      hashingError('MALFORMED_DIGEST', 'hex must contain only the digits 0-9, a-f, A-F'),
    );
    expect(codeOf(() => bytesToHex('00' as unknown as Uint8Array))).toBe('INVALID_ARGUMENT');
  });
});

describe('assertAlgorithms', () => {
  it('removes duplicates and keeps order', () => {
    expect(assertAlgorithms(['sm3', 'sha256', 'sm3'])).toEqual(['sm3', 'sha256']);
  });

  it('rejects an empty list and unknown names', () => {
    expect(() => assertAlgorithms([])).toThrow(
      hashingError('INVALID_ARGUMENT', 'algorithms must be a non-empty array of sha256, sm3'),
    );
    expect(() => assertAlgorithms(['sha256', 'SHA-256'])).toThrow(
      hashingError('INVALID_ARGUMENT', 'unknown digest algorithm "SHA-256"; expected one of sha256, sm3'),
    );
  });
});
