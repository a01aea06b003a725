import 'server-only';
/**
 * What the chain-of-custody log records: the actions, and their type for callers and the page.
 * @module
 */

export const AUDIT_ACTIONS = [
  'case.created',
  'case.updated',
  'case.member_added',
  'case.member_removed',
  'exhibit.submitted',
  'exhibit.viewed',
  'exhibit.downloaded',
  'exhibit.verified',
  'exhibit.determined',
  // Evidence exchange (issue #17, lib/exchange): an opinion on an exhibit, a reply, the deadline.
  'exhibit.opinion_lodged',
  'exhibit.opinion_replied',
  'case.exchange_deadline_set',
  'certificate.issued',
  'certificate.downloaded',
  'certificate.revoked',
  // The court's own sign-in (issue #16, lib/auth/oidc): an administrator changed its configuration.
  'oidc.configured',
  // Accounts (issue #16, sessions part): outside any case.
  'account.updated',
  'password.changed',
  'password.reset',
  'password.reset_link_sent',
  // Running the court (issue #16): outside any case.
  'court.set_up',
  'court.updated',
  'user.invited',
  'user.invitation_resent',
  'user.invitation_revoked',
  'user.invitation_accepted',
  'user.disabled',
  'user.enabled',
  'user.role_changed',
  'depositor.org_created',
  'depositor.org_renamed',
  'depositor.api_key_created',
  'depositor.api_key_revoked',
  // issue #21: an admin set an API key's deposit limits (lib/depositors/set-api-key-limits.ts)
  'depositor.api_key_limits_set',
  'depositor.signing_key_registered',
  'depositor.signing_key_revoked',
  // issue #16, mail: an admin queued a failed e-mail again (lib/mail/resend-mail.ts)
  'mail.resent',
  // issue #21, storage quotas: the evidence store removed a stored file no exhibit referenced
  // (a completed upload cancelled, or unused past its grace period; lib/evidence).
  'evidence.file_removed',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
