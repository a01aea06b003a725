import 'server-only';
/**
 * The deposit limits that apply to an API key: the administrator's per-key values
 * (api_keys.rate_per_minute, rate_burst, daily_quota) where set, the server's defaults from the
 * environment otherwise. Counted in deposits (a batch of 1000 is 1000), not requests.
 *
 * - VERITY_DEPOSIT_RATE_PER_MINUTE (default 6000, i.e. 100 a second; 0: no rate limit)
 * - VERITY_DEPOSIT_BURST (default 1000: one full batch at once after a pause)
 * - VERITY_DEPOSIT_DAILY_QUOTA (default 100000 a UTC day; 0: no daily quota)
 *
 * The defaults stop what the review did (1,817 deposits from one key in 3 s: a key now gets one
 * batch of 1000 at once and 100 a second after it) while `verity deposit` of 10,000 files still
 * succeeds, waiting out each Retry-After (about 90 s). A busier depositor is given its own limits.
 */
import { z } from 'zod';
import { issueSummary } from '@/lib/errors/zod-issues';

export interface DepositLimits {
  /** Deposits a minute on average, or null: no rate limit. */
  ratePerMinute: number | null;
  /** Deposits the key may send at once (the bucket's size); with no rate limit, unused. */
  burst: number;
  /** Deposits a UTC day, or null: no daily quota. */
  dailyQuota: number | null;
}

/** The administrator's values for one key (null: the default). */
export interface DepositLimitOverrides {
  ratePerMinute: number | null;
  burst: number | null;
  dailyQuota: number | null;
}

export const DEFAULT_RATE_PER_MINUTE = 6_000;
export const DEFAULT_BURST = 1_000;
export const DEFAULT_DAILY_QUOTA = 100_000;
/** The largest value any limit may take (PostgreSQL integer). */
export const MAX_LIMIT = 2_147_483_647;

function ZLimitEnv(name: string, fallback: number, min: number) {
  return z.coerce
    .number({ message: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(MAX_LIMIT, `${name} must be at most ${MAX_LIMIT}`)
    .default(fallback);
}

const ZDefaults = z.object({
  VERITY_DEPOSIT_RATE_PER_MINUTE: ZLimitEnv('VERITY_DEPOSIT_RATE_PER_MINUTE', DEFAULT_RATE_PER_MINUTE, 0),
  VERITY_DEPOSIT_BURST: ZLimitEnv('VERITY_DEPOSIT_BURST', DEFAULT_BURST, 1),
  VERITY_DEPOSIT_DAILY_QUOTA: ZLimitEnv('VERITY_DEPOSIT_DAILY_QUOTA', DEFAULT_DAILY_QUOTA, 0),
});

let cached: { key: string; limits: DepositLimits } | undefined;

/** The server's defaults; read on every deposit, so parsed once per value of the variables. */
export function defaultDepositLimits(env: Record<string, string | undefined> = process.env): DepositLimits {
  const raw = {
    VERITY_DEPOSIT_RATE_PER_MINUTE: env.VERITY_DEPOSIT_RATE_PER_MINUTE || undefined,
    VERITY_DEPOSIT_BURST: env.VERITY_DEPOSIT_BURST || undefined,
    VERITY_DEPOSIT_DAILY_QUOTA: env.VERITY_DEPOSIT_DAILY_QUOTA || undefined,
  };
  const key = JSON.stringify(raw);
  if (cached?.key === key) return cached.limits;
  const parsed = ZDefaults.safeParse(raw);
  if (!parsed.success) throw new Error(issueSummary(parsed.error));
  const d = parsed.data;
  const limits: DepositLimits = {
    ratePerMinute: d.VERITY_DEPOSIT_RATE_PER_MINUTE === 0 ? null : d.VERITY_DEPOSIT_RATE_PER_MINUTE,
    burst: d.VERITY_DEPOSIT_BURST,
    dailyQuota: d.VERITY_DEPOSIT_DAILY_QUOTA === 0 ? null : d.VERITY_DEPOSIT_DAILY_QUOTA,
  };
  cached = { key, limits };
  return limits;
}

/** A key's limits: each override where the administrator set one, the default otherwise. */
export function effectiveDepositLimits(
  overrides: DepositLimitOverrides,
  defaults: DepositLimits = defaultDepositLimits(),
): DepositLimits {
  return {
    ratePerMinute: overrides.ratePerMinute ?? defaults.ratePerMinute,
    burst: overrides.burst ?? defaults.burst,
    dailyQuota: overrides.dailyQuota ?? defaults.dailyQuota,
  };
}
