import 'server-only';
/**
 * What a notification is about, and the words its sentence needs (stored as `payload`, written
 * out in the reader's language when read: summary.ts). Validated when written and when read back.
 * @module
 */
import { z } from 'zod';

export const NOTIFICATION_KINDS = [
  'exhibit_submitted',
  'determination_recorded',
  'certificate_issued',
  'certificate_revoked',
  'case_created',
  'case_updated',
  'case_member_added',
  'case_member_removed',
  // Evidence exchange (issue #17, lib/exchange; the CHECK in 20261207000000_evidence_exchange.sql):
  // sentences in messages exchange.notification.
  'opinion_lodged',
  'opinion_replied',
  'exchange_deadline_set',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const ZNotificationPayload = z.strictObject({
  caseNumber: z.string().min(1).max(200),
  /** Who acted (the clerk, for case changes). */
  actorName: z.string().max(500).optional(),
  exhibitNumber: z.number().int().positive().optional(),
  /** The party that submitted the exhibit. */
  party: z.enum(['plaintiff', 'defendant']).optional(),
  certificateNumber: z.string().max(100).optional(),
  memberName: z.string().max(500).optional(),
  memberRole: z.enum(['plaintiff', 'defendant', 'judge', 'clerk']).optional(),
  /** Issue #17: an opinion lodged after the case's deadline. */
  late: z.boolean().optional(),
  /** Issue #17: the new deadline for opinions (RFC 3339), null when the clerk removed it. */
  deadline: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type NotificationPayload = z.infer<typeof ZNotificationPayload>;
