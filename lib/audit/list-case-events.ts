import 'server-only';
/**
 * A case's chain-of-custody events, oldest first, for people who may view the case. Subjects
 * that are records of this case are named (an exhibit's number and title, a person's name), so
 * the page can say what each event concerns. The custody log page reads a page at a time with
 * filters instead (search-case-events.ts).
 */
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/enums';
import type { JsonObject } from '@/lib/ledger/statement/canonical-json';
import type { AuditAction } from './actions';
import type { ExchangeEventFacts } from './exchange-event-facts';
import { CASE_EVENT_SELECT, nameCaseEvents } from './name-case-events';

export type CaseEventSubject =
  | { kind: 'exhibit'; id: string; number: number; title: string }
  | { kind: 'user'; id: string; name: string }
  /** Not a record this module can name (yet): a certificate, or a record of another kind. */
  | { kind: 'other'; id: string };

export interface CaseEvent {
  /** Position in the court-wide chain (so a case's events skip the numbers of other cases'). */
  seq: bigint;
  at: Date;
  /** One of AUDIT_ACTIONS, or an action a newer portal wrote. */
  action: AuditAction | (string & {});
  /** Null for the portal itself. */
  actor: { id: string; name: string; role: Role } | null;
  subject: CaseEventSubject | null;
  details: JsonObject;
  /** For an evidence-exchange event (opinion, reply, determination, deadline): what it says. */
  exchange?: ExchangeEventFacts | null;
  /** SHA-256 of the event's body, lowercase hex. */
  hash: string;
}

/** Throws AppError NOT_FOUND when the case does not exist or `actor` may not see it. */
export async function listCaseEvents(actor: Actor, caseId: string): Promise<CaseEvent[]> {
  const access = await requireCaseAccess(actor, caseId, 'view');
  const rows = await getDb().auditEvent.findMany({
    where: { caseId: access.caseId },
    orderBy: { seq: 'asc' },
    select: CASE_EVENT_SELECT,
  });
  return nameCaseEvents(access.caseId, rows);
}
