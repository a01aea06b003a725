import { describe, expect, it } from 'vitest';
import { encodeEntryBundle, parseEntryBundle } from './entry-bundle';
import { isTlogError } from './errors';

const bytes = (...values: number[]) => Uint8Array.from(values);

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isTlogError(error) ? error.code : 'other';
  }
  return undefined;
}

describe('entry bundles (2-byte big-endian length prefixes)', () => {
  it('writes each entry after its length and reads them back', () => {
    const entries = [bytes(1, 2, 3), new Uint8Array(0), new Uint8Array(300).fill(7)];
    const bundle = encodeEntryBundle(entries);
    expect(Array.from(bundle.subarray(0, 5))).toEqual([0, 3, 1, 2, 3]);
    expect(Array.from(bundle.subarray(5, 9))).toEqual([0, 0, 0x01, 0x2c]); // empty entry, then 300
    expect(bundle.length).toBe(3 * 2 + 3 + 300);
    expect(parseEntryBundle(bundle, 3).map((e) => Array.from(e))).toEqual(entries.map((e) => Array.from(e)));
  });

  it('takes entries up to 65,535 bytes and 256 entries, no more', () => {
    const big = new Uint8Array(0xffff).fill(1);
    expect(parseEntryBundle(encodeEntryBundle([big]), 1)[0]?.length).toBe(0xffff);
    expect(code(() => encodeEntryBundle([new Uint8Array(0x10000)]))).toBe('INVALID_ARGUMENT');
    expect(code(() => encodeEntryBundle([]))).toBe('INVALID_ARGUMENT');
    const many = Array.from({ length: 257 }, () => bytes(1));
    expect(code(() => encodeEntryBundle(many))).toBe('INVALID_ARGUMENT');
    expect(parseEntryBundle(encodeEntryBundle(many.slice(0, 256))).length).toBe(256);
    const tooMany = new Uint8Array(257 * 3).map((_, i) => (i % 3 === 1 ? 1 : 0));
    expect(code(() => parseEntryBundle(tooMany))).toBe('MALFORMED_TILE');
  });

  it('refuses cut-off lengths and bodies, trailing bytes and the wrong count', () => {
    const bundle = encodeEntryBundle([bytes(1, 2, 3), bytes(4)]);
    expect(code(() => parseEntryBundle(bundle.subarray(0, bundle.length - 1)))).toBe('MALFORMED_TILE');
    expect(code(() => parseEntryBundle(bundle.subarray(0, 6)))).toBe('MALFORMED_TILE'); // half a length
    expect(code(() => parseEntryBundle(Uint8Array.of(...bundle, 0)))).toBe('MALFORMED_TILE');
    expect(code(() => parseEntryBundle(bundle, 3))).toBe('MALFORMED_TILE');
    expect(code(() => parseEntryBundle(bundle, 1))).toBe('MALFORMED_TILE');
    expect(parseEntryBundle(bundle, 2)).toHaveLength(2);
  });
});
