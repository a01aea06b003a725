import 'server-only';
/**
 * Checks an e-mail and password for sign-in, with the rate limit applied before the
 * password is looked at. Unknown accounts cost the same Argon2 work as known ones.
 */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import type { Actor } from './actor';
import { ACCOUNT_POLICY, ADDRESS_POLICY, clearFailures, lockedForSeconds, recordFailure } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password';

export const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(1024),
});

export type AuthorizeResult =
  | { ok: true; actor: Actor }
  | { ok: false; code: 'INVALID_CREDENTIALS' }
  | { ok: false; code: 'RATE_LIMITED'; retryAfterSeconds: number };

export interface AuthorizeOptions {
  /** The client's address, when a trusted proxy reports it. */
  clientAddress?: string;
  now?: Date;
}

export async function authorizeCredentials(input: unknown, options: AuthorizeOptions = {}): Promise<AuthorizeResult> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'INVALID_CREDENTIALS' };
  const { email, password } = parsed.data;
  const now = options.now ?? new Date();
  const db = getDb();

  const accountKey = `account:${email}`;
  const addressKey = options.clientAddress ? `ip:${options.clientAddress}` : undefined;
  const keys = addressKey ? [accountKey, addressKey] : [accountKey];

  const locked = await lockedForSeconds(db, keys, now);
  if (locked > 0) return { ok: false, code: 'RATE_LIMITED', retryAfterSeconds: locked };

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid || user.disabledAt) {
    let lockedNow = await recordFailure(db, accountKey, ACCOUNT_POLICY, now);
    if (addressKey) lockedNow = Math.max(lockedNow, await recordFailure(db, addressKey, ADDRESS_POLICY, now));
    return lockedNow > 0
      ? { ok: false, code: 'RATE_LIMITED', retryAfterSeconds: lockedNow }
      : { ok: false, code: 'INVALID_CREDENTIALS' };
  }

  await clearFailures(db, accountKey);
  return {
    ok: true,
    actor: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      courtId: user.courtId,
      depositorOrgId: user.depositorOrgId,
    },
  };
}
