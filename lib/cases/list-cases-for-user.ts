import 'server-only';
/**
 * The cases a person may see, scoped in the query itself: litigants and judges see the
 * cases they are members of; clerks see their court's docket; administrators manage
 * accounts, not cases, and see none; depositors write to the ledger and see no cases.
 */
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import type { CaseRole, CaseStatus } from '@/lib/db/generated/enums';
import type { CaseWhereInput } from '@/lib/db/generated/models';

export interface CaseSummary {
  id: string;
  caseNumber: string;
  title: string;
  causeOfAction: string;
  status: CaseStatus;
  createdAt: Date;
  /** The actor's own roles in the case (empty for a clerk's docket entry they are not on). */
  myRoles: CaseRole[];
}

export function visibleCasesWhere(actor: Actor): CaseWhereInput | null {
  switch (actor.role) {
    case 'litigant':
    case 'judge':
      return { members: { some: { userId: actor.id } } };
    case 'clerk':
      return actor.courtId ? { courtId: actor.courtId } : { members: { some: { userId: actor.id } } };
    case 'admin':
    case 'depositor':
      return null;
  }
}

export async function listCasesForUser(actor: Actor): Promise<CaseSummary[]> {
  const where = visibleCasesWhere(actor);
  if (!where) return [];
  const rows = await getDb().case.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { caseNumber: 'asc' }],
    select: {
      id: true,
      caseNumber: true,
      title: true,
      causeOfAction: true,
      status: true,
      createdAt: true,
      members: { where: { userId: actor.id }, select: { role: true } },
    },
  });
  return rows.map(({ members, ...row }) => ({ ...row, myRoles: members.map((m) => m.role) }));
}
