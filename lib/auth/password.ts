import 'server-only';
/**
 * Password hashing with Argon2id (RFC 9106), via @node-rs/argon2.
 * Parameters follow OWASP's Argon2id baseline (19 MiB, 2 passes, 1 lane).
 */
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot import)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  if (password.length < 8) throw new Error('hashPassword: a password needs at least 8 characters');
  return hash(password, OPTIONS);
}

/** Never throws on a malformed stored hash: a broken record simply does not verify. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so a wrong e-mail costs the same time
// as a wrong password and response times do not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('verity-no-such-account', OPTIONS);
  return dummyHash;
}
