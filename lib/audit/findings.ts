import 'server-only';
/**
 * What the audit of the chain-of-custody log reports: plain-words messages that name the event
 * (seq and action), and the kind of problem for programs.
 * @module
 */
import type { AuditHead } from './audit-head';

export const AUDIT_LOG_FINDING_KINDS = [
  /** The stored hash is not SHA-256 of the stored body. */
  'HASH_MISMATCH',
  /** The body is not canonical JSON of a valid event. */
  'BODY_INVALID',
  /** A column (action, case, actor, subject, details, time, seq) says something the hashed body does not. */
  'BODY_MISMATCH',
  /** An event's hash is not the `prev` its successor committed to. */
  'BROKEN_LINK',
  /** Sequence numbers are not contiguous from 1: events were deleted. */
  'MISSING_EVENTS',
  /** A head given as expected (--expect-head) is not in the log, or has another hash. */
  'HEAD_MISMATCH',
] as const;

export type AuditLogFindingKind = (typeof AUDIT_LOG_FINDING_KINDS)[number];

export interface AuditLogFinding {
  kind: AuditLogFindingKind;
  /** The event concerned: the first missing one for MISSING_EVENTS. */
  seq: bigint;
  /** Its action as the row says, when there is a row. */
  action: string | null;
  /** Plain words, starting with the event ("event 12 (exhibit.viewed): …"). */
  message: string;
}

export interface AuditVerifyReport {
  /** True when there is no finding at all. */
  ok: boolean;
  /** Events read (rows). */
  count: number;
  /** The last event read: write it down, and give it back as an expected head next time. */
  head: AuditHead | null;
  /** The first findings, in the order found (at most `maxFindings`). */
  findings: AuditLogFinding[];
  findingsTotal: number;
  truncated: boolean;
  /** The finding with the smallest seq: where the log stops being trustworthy. */
  firstBad: AuditLogFinding | null;
  /** Expected heads that were checked. */
  expectedHeads: AuditHead[];
  durationMs: number;
}

export class AuditFindingLog {
  readonly findings: AuditLogFinding[] = [];
  total = 0;
  firstBad: AuditLogFinding | null = null;

  constructor(private readonly max: number) {}

  add(finding: AuditLogFinding): void {
    this.total++;
    if (this.firstBad === null || finding.seq < this.firstBad.seq) this.firstBad = finding;
    if (this.findings.length < this.max) this.findings.push(finding);
  }
}

/** "event 12 (exhibit.viewed)" */
export function eventName(seq: bigint, action: string | null): string {
  return action ? `event ${seq} (${action})` : `event ${seq}`;
}
