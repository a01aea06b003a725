import 'server-only';
/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): after a
 * person signs in, their browser keeps a signed token naming the account. A later sign-in to
 * that account from that browser is counted against the token alone, so failures elsewhere —
 * an attacker locking the account for clients it does not know — never keep the owner out of a
 * browser they have used before, and an attacker cannot make such a token for someone else.
 *
 * Token: base64url(JSON { e: e-mail, n: 128-bit nonce, t: issued, seconds }) "." base64url(HMAC-SHA256).
 * The HMAC key is derived from NEXTAUTH_SECRET (the session cookies' secret); without it no token
 * is issued or accepted.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const DEVICE_COOKIE = 'verity-device';
/** Kept half a year; a browser unused that long is a stranger again. */
export const DEVICE_TOKEN_DAYS = 180;

const ZPayload = z.strictObject({
  e: z.string().min(3).max(254),
  n: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  t: z.number().int().nonnegative(),
});

function key(): Buffer | undefined {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return undefined;
  return createHmac('sha256', secret).update('verity device token v1').digest();
}

function mac(k: Buffer, payload: string): Buffer {
  return createHmac('sha256', k).update(payload).digest();
}

/** A new token for `email` (lowercase, as the account has it); undefined without a secret. */
export function issueDeviceToken(email: string, now: Date = new Date()): string | undefined {
  const k = key();
  if (!k) return undefined;
  const payload = Buffer.from(
    JSON.stringify({ e: email, n: randomBytes(16).toString('base64url'), t: Math.floor(now.getTime() / 1000) }),
  ).toString('base64url');
  return `${payload}.${mac(k, payload).toString('base64url')}`;
}

/**
 * The token's nonce when `token` is a genuine, unexpired token for `email`; undefined otherwise
 * (missing, malformed, forged, for another account, or too old).
 */
export function verifyDeviceToken(token: unknown, email: string, now: Date = new Date()): string | undefined {
  const k = key();
  if (!k || typeof token !== 'string' || token.length > 1000) return undefined;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = mac(k, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let parsed: z.infer<typeof ZPayload>;
  try {
    parsed = ZPayload.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
  const ageSeconds = now.getTime() / 1000 - parsed.t;
  if (parsed.e !== email || ageSeconds < -300 || ageSeconds > DEVICE_TOKEN_DAYS * 86_400) return undefined;
  return parsed.n;
}
