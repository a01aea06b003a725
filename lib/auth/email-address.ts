import 'server-only';
/**
 * An e-mail address as the portal accepts one, wherever one comes in (sign-in, the court's own
 * sign-in's claim, setup, invitations, password reset, queued mail): trimmed, at most 254
 * characters, an address people type (not all that RFC 5321 allows), compared in lower case.
 */
import { z } from 'zod';

export const ZEmailAddress = z
  .string()
  .trim()
  .max(254, { error: 'an e-mail address has at most 254 characters' })
  .pipe(z.email({ error: 'not an e-mail address, e.g. name@example.com' }))
  .transform((address) => address.toLowerCase());
