import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './rate-limit';

describe('token buckets', () => {
  it('allows a burst, then one request per 1/rate seconds, with the wait in whole seconds', () => {
    let now = 0;
    const buckets = new TokenBuckets({ rate: 2, burst: 3 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(1);
    expect(buckets.take('b')).toBe(0); // another key has its own bucket
    now += 500; // one token back at 2 per second
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
    now += 10_000; // never more than the burst
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0, 1]);
  });

  it('waits several seconds at a slow rate, and refuses a nonsensical configuration', () => {
    let now = 0;
    const slow = new TokenBuckets({ rate: 0.25, burst: 1 }, () => now);
    expect(slow.take('x')).toBe(0);
    expect(slow.take('x')).toBe(4);
    now += 2000;
    expect(slow.take('x')).toBe(2);
    expect(() => new TokenBuckets({ rate: 0, burst: 1 })).toThrow();
    expect(() => new TokenBuckets({ rate: 1, burst: 0 })).toThrow();
  });

  it('stays bounded in memory: idle (full) buckets are dropped when many keys come', () => {
    let now = 0;
    const buckets = new TokenBuckets({ rate: 1, burst: 2 }, () => now);
    for (let i = 0; i < 10_000; i++) buckets.take(`k${i}`);
    now += 5_000; // all full again
    expect(buckets.take('new')).toBe(0);
    expect((buckets as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(1);
  });
});
