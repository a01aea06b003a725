import 'server-only';
/**
 * The token of a password-reset link: 32 random bytes, base64url in the link; the database keeps
 * only SHA-256 of it, so a copy of the table opens no account. A 256-bit random token needs no
 * slow hash, and looking it up by its hash leaks nothing an attacker could use to guess it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** How long a link works. */
export const RESET_TOKEN_MINUTES = 30;

export const ZResetToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'not a password-reset link' });

export function newResetToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashResetToken(token) };
}

export function hashResetToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
