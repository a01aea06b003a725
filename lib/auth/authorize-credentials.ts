import 'server-only';
/**
 * Checks an e-mail and password for sign-in, with the sign-in limits applied before the
 * password is looked at (lib/auth/login-throttle.ts; SECURITY.md "Sign-in limits"). Unknown
 * accounts cost the same Argon2 work as known ones.
 *
 * Which limits an attempt meets depends on the browser: one holding a device token of the
 * account (it signed in to it before) is limited by that token alone; any other client by the
 * account-and-client, account and address limits. So failures from one client lock that client
 * out of the account, never the owner at another address, and a guesser spread over many
 * addresses locks out only browsers the owner has not used.
 */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import type { Actor } from './actor';
import { addressKey } from './client-address';
import { verifyDeviceToken } from './device-token';
import { ZEmailAddress } from './email-address';
import {
  ACCOUNT_CLIENT_POLICY,
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  clearFailures,
  DEVICE_POLICY,
  lockedForSeconds,
  recordFailures,
  type ThrottlePolicy,
} from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password';

export const ZCredentials = z.object({
  email: ZEmailAddress,
  password: z.string().min(1).max(1024),
});

export type AuthorizeResult =
  | { ok: true; actor: Actor }
  | { ok: false; code: 'INVALID_CREDENTIALS' }
  | { ok: false; code: 'RATE_LIMITED'; retryAfterSeconds: number };

export interface AuthorizeOptions {
  /** The client's address (lib/auth/client-address.ts); unknown only outside the front server (`next dev`). */
  clientAddress?: string;
  /** The browser's device token (cookie `verity-device`), if it sent one. */
  deviceToken?: string;
  now?: Date;
}

/** The throttle keys an attempt is counted against, with their policies. */
export function signInKeys(
  email: string,
  options: Pick<AuthorizeOptions, 'clientAddress' | 'deviceToken'>,
  now: Date,
): Array<[string, ThrottlePolicy]> {
  const device = verifyDeviceToken(options.deviceToken, email, now);
  if (device) return [[`device:${device}`, DEVICE_POLICY]];
  const address = options.clientAddress ? addressKey(options.clientAddress) : 'unknown';
  return [
    [`account-client:${email} ${address}`, ACCOUNT_CLIENT_POLICY],
    [`account:${email}`, ACCOUNT_POLICY],
    [`ip:${address}`, ADDRESS_POLICY],
  ];
}

export async function authorizeCredentials(input: unknown, options: AuthorizeOptions = {}): Promise<AuthorizeResult> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'INVALID_CREDENTIALS' };
  const { email, password } = parsed.data;
  const now = options.now ?? new Date();
  const db = getDb();
  const counted = signInKeys(email, options, now);
  const keys = counted.map(([key]) => key);

  const locked = await lockedForSeconds(db, keys, now);
  if (locked > 0) return { ok: false, code: 'RATE_LIMITED', retryAfterSeconds: locked };

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid || user.disabledAt) {
    const lockedNow = await recordFailures(db, counted, now);
    return lockedNow > 0
      ? { ok: false, code: 'RATE_LIMITED', retryAfterSeconds: lockedNow }
      : { ok: false, code: 'INVALID_CREDENTIALS' };
  }
  // This client's own count starts again; the account's and the address's do not, or a guesser
  // who also holds an account could wipe them by signing in to it.
  await clearFailures(db, [keys[0] ?? '']);
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
