import 'server-only';
/**
 * Rate limit for sign-in, kept in PostgreSQL so it holds across server processes.
 * Failures are counted per key in a fixed window; reaching the limit locks the key.
 * Keys: `account:<email>` always, `ip:<address>` when the client address is known.
 */
import type { PrismaClient } from '@/lib/db/create-client';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Seconds until every given key is unlocked (0 when none is locked). */
export async function lockedForSeconds(db: PrismaClient, keys: string[], now: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return until > 0 ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts one failure against `key` atomically; returns seconds locked (0 if not locked). */
export async function recordFailure(db: PrismaClient, key: string, policy: ThrottlePolicy, now: Date): Promise<number> {
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const lockUntil = new Date(now.getTime() + policy.lockMs);
  // One statement, so concurrent failures cannot both read the old count.
  const rows = await db.$queryRaw<Array<{ locked_until: Date | null }>>`
    INSERT INTO login_throttle (key, failures, window_start)
    VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttle.window_start < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END,
      window_start = CASE WHEN login_throttle.window_start < ${windowStart} THEN ${now} ELSE login_throttle.window_start END,
      locked_until = CASE
        WHEN (CASE WHEN login_throttle.window_start < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END) >= ${policy.maxFailures}
        THEN ${lockUntil}::timestamptz ELSE login_throttle.locked_until END
    RETURNING locked_until`;
  const locked = rows[0]?.locked_until;
  return locked && locked > now ? Math.ceil((locked.getTime() - now.getTime()) / 1000) : 0;
}

export async function clearFailures(db: PrismaClient, key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}
