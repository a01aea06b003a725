import 'server-only';

/**
 * `lib/audit`: the chain-of-custody log — every submission, view, download, verification,
 * determination and certificate event, append-only and hash-chained. See README.md.
 */
export { AUDIT_ACTIONS, type AuditAction, isAuditAction } from './actions';
export { type AppendedAuditEvent, AUDIT_LOCK, appendAuditEvent } from './append-audit-event';
export { type AuditEventInput, type JsonValue, MAX_DETAILS_BYTES } from './audit-event.schema';
export { type AuditHead, formatAuditHead, parseAuditHead, readAuditHead } from './audit-head';
export { type CaseEventsFilter, type CaseEventsQuery, ZCaseEventsQuery } from './case-events-query.schema';
export { CUSTODY_KINDS, type CustodyKind } from './custody-kinds';
export type { AuditLogFinding, AuditLogFindingKind, AuditVerifyReport } from './findings';
export { formatAuditReport } from './format-audit-report';
export { type CaseEvent, type CaseEventSubject, listCaseEvents } from './list-case-events';
export { type CustodyPerson, listCustodyPeople } from './list-custody-people';
export { recordAuditEvent } from './record-audit-event';
export { type CaseEventsPage, CUSTODY_PAGE_SIZE, searchCaseEvents } from './search-case-events';
export { type VerifyAuditLogOptions, verifyAuditLog } from './verify-audit-log';
