import 'server-only';
/**
 * The RateLimit-Limit / -Remaining / -Reset / -Policy headers of a deposit answer, for the API
 * key's limit closest to exhaustion (the burst of its rate, or its daily quota).
 * Spec: https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-06
 */
import type { DepositLimits } from './deposit-limits';

/** A key's use as the charge left it. */
export interface UsageState {
  /** Deposits charged today (UTC), after the charges of the statement. */
  used: number;
  /** The GCRA theoretical arrival time and the database's clock, in epoch milliseconds. */
  tat: number;
  now: number;
}

const DAY_MS = 86_400_000;

/** The next 00:00 UTC after `nowMs`: when a daily quota renews. */
export function nextUtcMidnight(nowMs: number): number {
  return (Math.floor(nowMs / DAY_MS) + 1) * DAY_MS;
}

/** RateLimit-* of the policy with the fewest deposits left (draft -06 §5: "closest to exhaustion"). */
export function rateLimitHeaders(limits: DepositLimits, state: UsageState): Record<string, string> {
  const policies: Array<{ limit: number; remaining: number; reset: number; policy: string }> = [];
  if (limits.ratePerMinute !== null) {
    const intervalMs = 60_000 / limits.ratePerMinute;
    const debt = Math.max(0, state.tat - state.now);
    policies.push({
      limit: limits.burst,
      remaining: Math.max(0, Math.floor(limits.burst - debt / intervalMs)),
      reset: Math.ceil(debt / 1000),
      policy: `${limits.burst};w=${Math.max(1, Math.ceil((limits.burst * intervalMs) / 1000))}`,
    });
  }
  if (limits.dailyQuota !== null) {
    policies.push({
      limit: limits.dailyQuota,
      remaining: Math.max(0, limits.dailyQuota - state.used),
      reset: Math.ceil((nextUtcMidnight(state.now) - state.now) / 1000),
      policy: `${limits.dailyQuota};w=86400`,
    });
  }
  const closest = policies.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  return {
    'ratelimit-limit': String(closest.limit),
    'ratelimit-remaining': String(closest.remaining),
    'ratelimit-reset': String(closest.reset),
    'ratelimit-policy': policies.map((p) => p.policy).join(', '),
  };
}
