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
  'certificate.issued',
  'certificate.downloaded',
  'certificate.revoked',
  // issue #16, mail: an admin queued a failed e-mail again (lib/mail/resend-mail.ts)
  'mail.resent',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
