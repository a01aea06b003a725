import { describe, expect, it } from 'vitest';
import { nextUtcMidnight, rateLimitHeaders } from './rate-limit-headers';

const noon = Date.UTC(2026, 11, 7, 12, 0, 0);

describe('rateLimitHeaders', () => {
  it('names the limit closest to exhaustion, and both policies', () => {
    // 60 a minute, burst 10: a debt of 4 s is 4 deposits; 5 of a quota of 100 used.
    const limits = { ratePerMinute: 60, burst: 10, dailyQuota: 100 };
    expect(rateLimitHeaders(limits, { used: 5, tat: noon + 4000, now: noon })).toEqual({
      'ratelimit-limit': '10',
      'ratelimit-remaining': '6',
      'ratelimit-reset': '4',
      'ratelimit-policy': '10;w=10, 100;w=86400',
    });
    expect(rateLimitHeaders(limits, { used: 97, tat: noon, now: noon })).toEqual({
      'ratelimit-limit': '100',
      'ratelimit-remaining': '3',
      'ratelimit-reset': String(12 * 3600),
      'ratelimit-policy': '10;w=10, 100;w=86400',
    });
  });

  it('has only the policies a key has', () => {
    expect(
      rateLimitHeaders({ ratePerMinute: null, burst: 1, dailyQuota: 5 }, { used: 5, tat: 0, now: noon })[
        'ratelimit-policy'
      ],
    ).toBe('5;w=86400');
  });
});

describe('nextUtcMidnight', () => {
  it('is the next 00:00 UTC, a whole day on from midnight itself', () => {
    expect(nextUtcMidnight(noon)).toBe(Date.UTC(2026, 11, 8));
    expect(nextUtcMidnight(Date.UTC(2026, 11, 8))).toBe(Date.UTC(2026, 11, 9));
  });
});
