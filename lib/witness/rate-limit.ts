/**
 * Per-log request limits: a token bucket per log origin. Each request takes a token; tokens come
 * back at `rate` per second up to `burst`. A request finding the bucket empty is answered 429
 * with Retry-After (whole seconds until a token is back), before any signature is checked.
 *
 * @module
 */
export interface RateLimitOptions {
  /** Tokens per second. */
  rate: number;
  /** Bucket size: how many requests may arrive at once. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { rate: 50, burst: 100 };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly rate: number;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions, now: () => number = () => performance.now()) {
    if (!(options.rate > 0) || !(options.burst >= 1)) throw new Error('rate must be > 0 and burst >= 1');
    this.rate = options.rate;
    this.burst = options.burst;
    this.now = now;
  }

  /** Takes a token for `key`; returns 0 when allowed, else the seconds to wait (>= 1). */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate));
  }
}
