import 'server-only';
/**
 * Attempt counting for the sign-in limits (and the forgot-password form), kept in PostgreSQL so
 * it holds across server processes. Attempts are counted per key in a fixed window; reaching a
 * policy's limit locks that key — only that key — for the policy's lock time. Attempts refused
 * while a key is locked are not counted, so a lock ends `lockMs` after the attempt that set it:
 * nobody can renew a lock forever except by further attempts once it has ended.
 *
 * Sign-in keys (lib/auth/authorize-credentials.ts; SECURITY.md "Sign-in limits"):
 * - `account-client:<e-mail> <address>`: one client against one account — stops that client,
 *   and nobody else;
 * - `account:<e-mail>`: one account from every client that has no device token for it — slows a
 *   guesser spread over many addresses; browsers the owner signed in from are exempt;
 * - `ip:<address>`: one client address across accounts — slows spraying one password everywhere;
 * - `device:<nonce>`: one browser that signed in to the account before (lib/auth/device-token.ts).
 * Rows older than any window or lock are deleted as new attempts are counted (pruneThrottle).
 */
import type { PrismaClient } from '@/lib/db/create-client';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

const MINUTE = 60_000;

/** One client against one account. */
export const ACCOUNT_CLIENT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** One account, from all clients without a device token for it. */
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** One client address, across accounts. */
export const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** One browser holding a device token of the account. */
export const DEVICE_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

/**
 * How old a row may get: no policy's window plus lock is longer than this, so a row whose window
 * started before it counts for nothing any more.
 */
export const PRUNE_AFTER_MS = 60 * MINUTE;
/** Rows deleted at most per prune, so one attempt never pays for a large backlog. */
const PRUNE_BATCH = 500;

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
    INSERT INTO login_throttle (key, failures, window_start, locked_until)
    VALUES (${key}, 1, ${now}, CASE WHEN 1 >= ${policy.maxFailures} THEN ${lockUntil}::timestamptz END)
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

/** Counts one failure against each key under its policy; returns the longest lock (0 if none). */
export async function recordFailures(
  db: PrismaClient,
  counted: ReadonlyArray<readonly [key: string, policy: ThrottlePolicy]>,
  now: Date,
): Promise<number> {
  let locked = 0;
  for (const [key, policy] of counted) locked = Math.max(locked, await recordFailure(db, key, policy, now));
  await pruneThrottle(db, now);
  return locked;
}

export async function clearFailures(db: PrismaClient, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.loginThrottle.deleteMany({ where: { key: { in: keys } } });
}

/** Deletes rows that no longer count for anything (at most a batch); returns how many. */
export async function pruneThrottle(db: PrismaClient, now: Date): Promise<number> {
  const before = new Date(now.getTime() - PRUNE_AFTER_MS);
  return db.$executeRaw`
    DELETE FROM login_throttle WHERE key IN (
      SELECT key FROM login_throttle
       WHERE window_start < ${before} AND (locked_until IS NULL OR locked_until < ${now})
       LIMIT ${PRUNE_BATCH})`;
}
