import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import type { CaseRole, CaseStatus } from '@/lib/db/generated/enums';
import { AppError } from '@/lib/errors/app-error';
import { requireCaseAccess } from './access';

export interface CaseMemberView {
  userId: string;
  name: string;
  email: string;
  addedAt: Date;
}

export interface CaseDetail {
  id: string;
  caseNumber: string;
  title: string;
  causeOfAction: string;
  status: CaseStatus;
  createdAt: Date;
  court: { id: string; nameZh: string; nameEn: string };
  /** Everyone on the case, by role, in the order they were assigned. */
  members: Record<CaseRole, CaseMemberView[]>;
  /** The actor's own roles in the case (empty for a clerk seeing their court's docket). */
  myRoles: CaseRole[];
}

/** A case as anyone who may see it sees it: its details, its court and its people. */
export async function getCaseDetail(actor: Actor, caseId: string): Promise<CaseDetail> {
  const access = await requireCaseAccess(actor, caseId, 'view');
  const row = await getDb().case.findUnique({
    where: { id: access.caseId },
    select: {
      id: true,
      caseNumber: true,
      title: true,
      causeOfAction: true,
      status: true,
      createdAt: true,
      court: { select: { id: true, nameZh: true, nameEn: true } },
      members: {
        orderBy: [{ addedAt: 'asc' }, { userId: 'asc' }],
        select: { role: true, addedAt: true, user: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  const members: Record<CaseRole, CaseMemberView[]> = { plaintiff: [], defendant: [], judge: [], clerk: [] };
  for (const m of row.members) {
    members[m.role].push({ userId: m.user.id, name: m.user.name, email: m.user.email, addedAt: m.addedAt });
  }
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    title: row.title,
    causeOfAction: row.causeOfAction,
    status: row.status,
    createdAt: row.createdAt,
    court: row.court,
    members,
    myRoles: access.myRoles,
  };
}
