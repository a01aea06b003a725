import 'server-only';
/**
 * The kinds of event a reader filters a case's custody log by: each a set of actions, so that
 * "views and downloads" (most of a busy case's log) can be looked at, or left out, as one.
 * Actions no kind names (added by a newer part of the portal) fall under `other`.
 * @module
 */
import type { AuditAction } from './actions';

export const CUSTODY_KINDS = [
  'case',
  'people',
  'submission',
  'access',
  'verification',
  'exchange',
  'determination',
  'certificate',
  'other',
] as const;

export type CustodyKind = (typeof CUSTODY_KINDS)[number];

export const CUSTODY_KIND_ACTIONS: Readonly<Record<Exclude<CustodyKind, 'other'>, readonly AuditAction[]>> = {
  case: ['case.created', 'case.updated'],
  people: ['case.member_added', 'case.member_removed'],
  submission: ['exhibit.submitted'],
  access: ['exhibit.viewed', 'exhibit.downloaded', 'certificate.downloaded'],
  verification: ['exhibit.verified'],
  exchange: ['exhibit.opinion_lodged', 'exhibit.opinion_replied', 'case.exchange_deadline_set'],
  determination: ['exhibit.determined'],
  certificate: ['certificate.issued', 'certificate.revoked'],
};

/** Every action some kind other than `other` names. */
export const NAMED_ACTIONS: readonly string[] = Object.values(CUSTODY_KIND_ACTIONS).flat();
