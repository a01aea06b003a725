import 'server-only';
/**
 * Single-use links (setup, invitations): 32 random bytes as unpadded base64url (43 characters)
 * in the link; only SHA-256 of the token is stored, so a copy of the database opens nothing.
 * A token is looked up by its hash through a unique index: there is no stored secret to compare
 * in variable time, and single use is enforced by the UPDATE … WHERE used IS NULL that consumes it.
 */
import { createHash, randomBytes } from 'node:crypto';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface OneTimeToken {
  /** What goes in the link; never stored. */
  token: string;
  /** SHA-256 of the token's text, what the database keeps. */
  hash: Buffer;
}

export function newOneTimeToken(): OneTimeToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOneTimeToken(token) };
}

/** The stored hash of `token`, or null when it is not even shaped like one (forged or mangled links). */
export function hashOneTimeTokenIfWellFormed(token: unknown): Buffer | null {
  return typeof token === 'string' && TOKEN.test(token) ? hashOneTimeToken(token) : null;
}

function hashOneTimeToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
