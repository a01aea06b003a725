import 'server-only';
/** Field schemas shared by the operations' input schemas (each operation's object schema is in its own file). */
import { z } from 'zod';
import { plainText } from '@/lib/text/plain-text';
import { LOOKUP_ID_PATTERN } from './api-key-format';

/** A human-readable name or label: 1–200 characters, no control characters (they garble logs and the CLI). */
export function ZDisplayText(what: string) {
  return z
    .string({ message: `${what} must be a string` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(200, `${what} must be at most 200 characters`)
    .superRefine(plainText(what));
}

export function ZId(what: string) {
  return z.uuid({ message: `${what} must be a UUID` });
}

export const ZLookupId = z
  .string({ message: 'lookupId must be a string' })
  .regex(LOOKUP_ID_PATTERN, 'lookupId must be 12 characters of lowercase base32 (a–z, 2–7)');
