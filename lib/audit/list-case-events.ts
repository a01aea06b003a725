import 'server-only';
/**
 * A case's chain-of-custody events, oldest first, for people who may view the case. Subjects
 * that are records of this case are named (an exhibit's number and title, a person's name), so
 * the page can say what each event concerns.
 */
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/enums';
import type { JsonObject } from '@/lib/ledger/statement/canonical-json';
import type { AuditAction } from './actions';

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
  /** SHA-256 of the event's body, lowercase hex. */
  hash: string;
}

const MEMBER_ACTIONS: ReadonlySet<string> = new Set(['case.member_added', 'case.member_removed']);

/** Throws AppError NOT_FOUND when the case does not exist or `actor` may not see it. */
export async function listCaseEvents(actor: Actor, caseId: string): Promise<CaseEvent[]> {
  const access = await requireCaseAccess(actor, caseId, 'view');
  const db = getDb();
  const rows = await db.auditEvent.findMany({
    where: { caseId: access.caseId },
    orderBy: { seq: 'asc' },
    select: {
      seq: true,
      createdAt: true,
      action: true,
      subjectId: true,
      details: true,
      hash: true,
      actor: { select: { id: true, name: true, role: true } },
    },
  });

  const exhibitIds = new Set<string>();
  const userIds = new Set<string>();
  for (const row of rows) {
    if (!row.subjectId) continue;
    if (row.action.startsWith('exhibit.')) exhibitIds.add(row.subjectId);
    else if (MEMBER_ACTIONS.has(row.action)) userIds.add(row.subjectId);
  }
  const [exhibits, users] = await Promise.all([
    exhibitIds.size === 0
      ? []
      : db.exhibit.findMany({
          // Scoped to this case: an event can only name this case's exhibits.
          where: { id: { in: [...exhibitIds] }, caseId: access.caseId },
          select: { id: true, number: true, title: true },
        }),
    userIds.size === 0
      ? []
      : db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
  ]);
  const exhibitById = new Map(exhibits.map((e) => [e.id, e]));
  const userById = new Map(users.map((u) => [u.id, u]));

  return rows.map((row) => {
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
      hash: Buffer.from(row.hash).toString('hex'),
    };
  });
}
