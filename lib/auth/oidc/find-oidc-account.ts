import 'server-only';
/**
 * Whose Verity account a sign-in through the court's identity system is: the configured claim
 * gives an e-mail address, and the one active staff account with that address (compared without
 * regard to case: addresses are stored in lowercase, a CHECK of users) is the answer. It never creates an account: people are invited and given roles
 * in Verity. The session that follows is the same as a password session's.
 *
 * Refused: no usable address in the claim; `email_verified: false` for that address; no account; a disabled
 * account; and litigant and depositor accounts,
 * which are not the court's staff and keep their password (an identity system that let anyone
 * claim any address would otherwise reach them).
 */
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/enums';
import type { Actor } from '../actor';
import { ZEmailAddress } from '../email-address';

/** The roles that may sign in through the court's identity system. */
export const OIDC_STAFF_ROLES = ['judge', 'clerk', 'admin'] as const satisfies readonly Role[];

export const OIDC_REFUSALS = [
  'OIDC_NO_EMAIL',
  'OIDC_EMAIL_UNVERIFIED',
  'OIDC_NO_ACCOUNT',
  'OIDC_DISABLED',
  'OIDC_NOT_STAFF',
] as const;
export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

export type FindOidcAccountResult = { ok: true; actor: Actor } | { ok: false; code: OidcRefusal };

export interface FindOidcAccountOptions {
  /** The claim that carries the e-mail address (the configuration's emailClaim). */
  emailClaim: string;
}

/** `email_verified` as providers send it: a boolean, or (some) the string "true"/"false". */
function saysUnverified(value: unknown): boolean {
  return value === false || value === 'false';
}

export async function findOidcAccount(
  claims: Record<string, unknown>,
  { emailClaim }: FindOidcAccountOptions,
): Promise<FindOidcAccountResult> {
  const parsed = ZEmailAddress.safeParse(claims[emailClaim]);
  if (!parsed.success) return { ok: false, code: 'OIDC_NO_EMAIL' };
  const email = parsed.data;
  // email_verified speaks of the `email` claim: it decides when that claim is the address used.
  const emailIsTheAddress =
    emailClaim === 'email' || (typeof claims.email === 'string' && claims.email.trim().toLowerCase() === email);
  if (emailIsTheAddress && saysUnverified(claims.email_verified)) return { ok: false, code: 'OIDC_EMAIL_UNVERIFIED' };

  const user = await getDb().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, courtId: true, depositorOrgId: true, disabledAt: true },
  });
  if (!user) return { ok: false, code: 'OIDC_NO_ACCOUNT' };
  if (user.disabledAt) return { ok: false, code: 'OIDC_DISABLED' };
  if (!(OIDC_STAFF_ROLES as readonly Role[]).includes(user.role)) return { ok: false, code: 'OIDC_NOT_STAFF' };
  const { disabledAt: _, ...actor } = user;
  return { ok: true, actor };
}
