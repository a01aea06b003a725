import 'server-only';
/**
 * Names the records a case's events concern (an exhibit's number and title, a person's name), and
 * what an evidence-exchange event says (exchange-event-facts.ts), for listCaseEvents and
 * searchCaseEvents. Only this case's exhibits are named: an event cannot make
 * another case's record readable.
 */
import { getDb } from '@/lib/db/client';
import type { JsonObject } from '@/lib/ledger/statement/canonical-json';
import { exchangeEventFacts } from './exchange-event-facts';
import type { CaseEvent, CaseEventSubject } from './list-case-events';

const MEMBER_ACTIONS: ReadonlySet<string> = new Set(['case.member_added', 'case.member_removed']);

/** The columns of audit_events a CaseEvent is made from. */
export const CASE_EVENT_SELECT = {
  seq: true,
  createdAt: true,
  action: true,
  subjectId: true,
  details: true,
  hash: true,
  actor: { select: { id: true, name: true, role: true } },
} as const;

interface Row {
  seq: bigint;
  createdAt: Date;
  action: string;
  subjectId: string | null;
  details: unknown;
  hash: Uint8Array;
  actor: CaseEvent['actor'];
}

/** `rows` (events of case `caseId`, already scoped to it) as CaseEvents, in the same order. */
export async function nameCaseEvents(caseId: string, rows: readonly Row[]): Promise<CaseEvent[]> {
  const db = getDb();
  const exhibitIds = new Set<string>();
  const userIds = new Set<string>();
  for (const row of rows) {
    if (!row.subjectId) continue;
    if (row.action.startsWith('exhibit.')) exhibitIds.add(row.subjectId);
    else if (MEMBER_ACTIONS.has(row.action)) userIds.add(row.subjectId);
  }
  const [exhibits, users, exchange] = await Promise.all([
    exhibitIds.size === 0
      ? []
      : db.exhibit.findMany({
          // Scoped to this case: an event can only name this case's exhibits.
          where: { id: { in: [...exhibitIds] }, caseId },
          select: { id: true, number: true, title: true },
        }),
    userIds.size === 0
      ? []
      : db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
    // The evidence exchange's events: their positions, late mark and the records they refer to.
    exchangeEventFacts(
      caseId,
      rows.map((row) => ({ action: row.action, details: row.details as JsonObject })),
    ),
  ]);
  const exhibitById = new Map(exhibits.map((e) => [e.id, e]));
  const userById = new Map(users.map((u) => [u.id, u]));

  return rows.map((row, index) => {
    const id = row.subjectId;
    let subject: CaseEventSubject | null = null;
    if (id) {
      const exhibit = row.action.startsWith('exhibit.') ? exhibitById.get(id) : undefined;
      const user = MEMBER_ACTIONS.has(row.action) ? userById.get(id) : undefined;
      if (exhibit) subject = { kind: 'exhibit', id, number: exhibit.number, title: exhibit.title };
      else if (user) subject = { kind: 'user', id, name: user.name };
      else subject = { kind: 'other', id };
    }
    return {
      seq: row.seq,
      at: row.createdAt,
      action: row.action,
      actor: row.actor,
      subject,
      details: row.details as JsonObject,
      exchange: exchange[index] ?? null,
      hash: Buffer.from(row.hash).toString('hex'),
    };
  });
}
