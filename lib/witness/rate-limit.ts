/**
 * Request limits as token buckets: each request takes a token; tokens come back at `rate` per
 * second up to `burst`; a request finding its bucket empty is answered 429 with Retry-After
 * (whole seconds until a token is back). The witness keeps two kinds (witness-server.ts,
 * witness.ts): per client address, before anything is parsed (what a flood costs in CPU), and
 * per log origin, counted only for checkpoints the log validly signed — so someone forging
 * requests for a log cannot use up that log's allowance.
 *
 * @module
 */
export interface RateLimitOptions {
  /** Tokens per second. */
  rate: number;
  /** Bucket size: how many requests may arrive at once. */
  burst: number;
}

/** Per log: a log seals at most a few checkpoints a second. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { rate: 50, burst: 100 };
/** Per client address (a reverse proxy in front makes all clients one address: keep it generous). */
export const DEFAULT_ADDRESS_RATE_LIMIT: RateLimitOptions = { rate: 500, burst: 1000 };
/** Buckets kept before idle ones are dropped (an idle bucket is full, so dropping it changes nothing). */
const MAX_BUCKETS = 10_000;

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
    if (this.buckets.size >= MAX_BUCKETS && !this.buckets.has(key)) this.dropFull(now);
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

  private dropFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.rate >= this.burst) this.buckets.delete(key);
    }
  }
}
