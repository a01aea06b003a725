import 'server-only';
/**
 * What a new password must be, wherever one is chosen (setup, an invitation, a reset, the
 * account page): at least 12 characters, at most 256 (Argon2 hashes any length, but a page of
 * text is not a password), and not one of the passwords people use most.
 */
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const ZNewPassword = z
  .string({ error: 'password is required' })
  .min(MIN_PASSWORD_LENGTH, { error: `a password needs at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH, { error: `a password has at most ${MAX_PASSWORD_LENGTH} characters` });
