import { describe, expect, it } from 'vitest';
import { groupDigest } from './format';
import { hashingError } from './hashing.testing';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('groupDigest', () => {
  it('splits a digest into groups of 8 and never shortens it', () => {
    const grouped = groupDigest(EMPTY_SHA256);
    expect(grouped).toBe('e3b0c442 98fc1c14 9afbf4c8 996fb924 27ae41e4 649b934c a495991b 7852b855');
    expect(grouped.replaceAll(' ', '')).toBe(EMPTY_SHA256);
  });

  it('lowercases, and takes other group sizes with a shorter last group', () => {
    expect(groupDigest('ABCDEF0123', 4)).toBe('abcd ef01 23');
    expect(groupDigest('ab', 8)).toBe('ab');
  });

  it('rejects empty or non-hex input and a bad group size', () => {
    expect(() => groupDigest('')).toThrow(
      hashingError('MALFORMED_DIGEST', 'digest must be non-empty and contain only the digits 0-9, a-f, A-F'),
    );
    expect(() => groupDigest('e3b0 c442')).toThrow(/only the digits/);
    expect(() => groupDigest(EMPTY_SHA256, 0)).toThrow(
      hashingError('INVALID_ARGUMENT', 'group size must be a positive integer, got 0'),
    );
    expect(() => groupDigest(EMPTY_SHA256, 2.5)).toThrow(
      hashingError('INVALID_ARGUMENT', 'group size must be a positive integer, got 2.5'),
    );
  });
});
