import { describe, expect, it } from 'vitest';
import { formatBytes, formatCourtTime, formatDuration, formatRate, parseDepositId, parseDigestInput } from './format';

describe('format', () => {
  it('writes sizes, rates and times left in decimal units', () => {
    expect(formatBytes(0, 'en')).toBe('0 bytes');
    // One spacing rule in both languages: a space between the number and its unit.
    expect(formatBytes(1, 'zh-CN')).toBe('1 字节');
    expect(formatBytes(12_300_000, 'zh-CN')).toBe('12.3 MB');
    expect(formatDuration(125, 'zh-CN')).toBe('3 分钟');
    expect(formatRate(1_234_567, 'zh-CN')).toBe('1.2 MB/秒');
    expect(formatBytes(1_500, 'en')).toBe('1.5 kB');
    expect(formatBytes(314_572_800, 'en')).toBe('314.6 MB');
    expect(formatBytes(2_147_483_648, 'en')).toBe('2.1 GB');
    expect(formatRate(123_456_789, 'en')).toBe('123 MB/s');
    expect(formatRate(1_234_567, 'en')).toBe('1.2 MB/s');
    expect(formatDuration(0.2, 'en')).toBe('1 second');
    expect(formatDuration(89.1, 'en')).toBe('90 seconds');
    expect(formatDuration(125, 'en')).toBe('3 minutes');
  });

  it('writes times in Beijing time', () => {
    expect(formatCourtTime('2026-03-01T02:02:00.000Z', 'en')).toBe('March 1, 2026 at 10:02:00');
    expect(formatCourtTime('2026-03-01T02:02:00.000Z', 'zh-CN')).toBe('2026年3月1日 10:02:00');
  });
});

describe('parseDepositId', () => {
  it('accepts a UUID with surrounding spaces in either case', () => {
    expect(parseDepositId(' 0B0E7F52-3C1A-4C5E-9A51-6A3B2F1D9E77 ')).toBe('0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77');
    expect(parseDepositId('0b0e7f523c1a4c5e9a516a3b2f1d9e77')).toBeNull();
    expect(parseDepositId('')).toBeNull();
  });
});

describe('parseDigestInput', () => {
  it('ignores whitespace, including groups of 8 and line breaks', () => {
    const hex = 'ab'.repeat(32);
    const grouped = `${hex.slice(0, 32).match(/.{8}/g)?.join(' ')}\n${hex.slice(32).toUpperCase()}`;
    expect(parseDigestInput(grouped)).toEqual({ ok: true, hex });
  });

  it('says whether the length or the characters are wrong', () => {
    expect(parseDigestInput('abc')).toEqual({ ok: false, error: 'length', length: 3 });
    expect(parseDigestInput('x'.repeat(64))).toEqual({ ok: false, error: 'characters', length: 64 });
  });
});
