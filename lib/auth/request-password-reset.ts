import 'server-only';
/**
 * "Forgot password?": for an active account with this e-mail address, a single-use link to
 * choose a new password (30 minutes) and the e-mail that carries it, in one transaction. The
 * answer is the same whether or not the account exists, and takes about the same time (every
 * request is held to a minimum duration), so the form tells nobody which addresses have accounts.
 *
 * Limits (lib/auth/login-throttle.ts): per client address (a burst from one client is refused
 * with RATE_LIMITED) and per address asked about (after a few requests in a window no further
 * e-mail is sent, and the answer stays the same, so one's mailbox cannot be flooded and the
 * limit reveals nothing; the links already sent keep working).
 */
import { z } from 'zod';
import { ZEmailAddress } from '@/lib/auth/email-address';
import { getDb } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { addressKey } from './client-address';
import { createResetLink } from './create-reset-link';
import { lockedForSeconds, recordFailure, type ThrottlePolicy } from './login-throttle';

const MINUTE = 60_000;
/** Requests from one client address (any e-mail address). */
export const RESET_ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Requests about one e-mail address (from anywhere): e-mails sent at most. */
export const RESET_ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 3, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Every answer takes at least this long, whatever happened. */
export const RESET_MIN_DURATION_MS = 400;

export const ZRequestPasswordReset = z.object({ email: ZEmailAddress });

export interface RequestPasswordResetOptions {
  clientAddress?: string;
  now?: Date;
  /** Tests shorten it; the portal never does. */
  minDurationMs?: number;
}

/** Resolves when done (a link may or may not have been sent: the caller cannot tell). Throws RATE_LIMITED, VALIDATION_FAILED. */
export async function requestPasswordReset(input: unknown, options: RequestPasswordResetOptions = {}): Promise<void> {
  const started = Date.now();
  const { email } = parseInput(ZRequestPasswordReset, input);
  const now = options.now ?? new Date();
  const db = getDb();
  const addressLimitKey = `reset-ip:${options.clientAddress ? addressKey(options.clientAddress) : 'unknown'}`;
  try {
    const locked = await lockedForSeconds(db, [addressLimitKey], now);
    if (locked > 0) {
      throw new AppError('RATE_LIMITED', `Too many requests from this address; try again in ${locked} seconds.`, {
        retryAfterSeconds: locked,
      });
    }
    await recordFailure(db, addressLimitKey, RESET_ADDRESS_POLICY, now);
    // Counted before the account is looked up, so the limit is the same for every address.
    const accountKey = `reset-account:${email}`;
    const quiet = (await lockedForSeconds(db, [accountKey], now)) > 0;
    if (!quiet) await recordFailure(db, accountKey, RESET_ACCOUNT_POLICY, now);
    if (quiet) return;
    const person = await db.user.findFirst({
      where: { email, disabledAt: null },
      select: { id: true, email: true, name: true, locale: true },
    });
    if (person) await withTransaction((client) => createResetLink(client, person, null, now));
  } finally {
    const left = (options.minDurationMs ?? RESET_MIN_DURATION_MS) - (Date.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}
