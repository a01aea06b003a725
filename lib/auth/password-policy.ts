import 'server-only';
/**
 * What a new password must be, wherever one is chosen (setup, an invitation, a reset, the
 * account page): at least 12 characters, at most 128 (ASVS 2.1.2; Argon2 hashes any length, but a page of
 * text is not a password), and not one of the passwords people use most.
 *
 * The common passwords are zxcvbn's list (npm @zxcvbn-ts/language-common, maintained by the
 * zxcvbn-ts project: the most frequent passwords of public breach corpora, ~49,000 of them),
 * of which only those long enough to pass the length rule matter; compared without regard to
 * case. A password made of one short piece repeated ("aaaaaaaaaaaa", "abcabcabcabc",
 * "passwordpassword") is refused as well: it is as easy to guess as the piece.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    dictionary['passwords-common'].filter((p) => [...p].length >= MIN_PASSWORD_LENGTH).map((p) => p.toLowerCase()),
  );
  return common;
}

/** True when `password` is on the common list or one short piece (up to 8 characters) repeated. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return true;
  return /^(.{1,8}?)\1+$/su.test(lower);
}

export const ZNewPassword = z
  .string({ error: 'password is required' })
  .min(MIN_PASSWORD_LENGTH, { error: `a password needs at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH, { error: `a password has at most ${MAX_PASSWORD_LENGTH} characters` })
  .refine((password) => !isCommonPassword(password), {
    error: 'this password is one of the most common ones; choose another',
    params: { reason: 'COMMON_PASSWORD' },
  });
