import 'server-only';
/** The people a case's custody log can be filtered by: everyone who acted in it. */
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/enums';

export interface CustodyPerson {
  id: string;
  name: string;
  role: Role;
}

/**
 * Everyone who appears as the actor of an event of the case, by name; `portal` says whether the
 * portal recorded events by itself. Same access as the log.
 */
export async function listCustodyPeople(
  actor: Actor,
  caseId: string,
): Promise<{ people: CustodyPerson[]; portal: boolean }> {
  const access = await requireCaseAccess(actor, caseId, 'view');
  const db = getDb();
  const groups = await db.auditEvent.groupBy({ by: ['actorId'], where: { caseId: access.caseId } });
  const ids = groups.flatMap((g) => (g.actorId ? [g.actorId] : []));
  const people =
    ids.length === 0
      ? []
      : await db.user.findMany({
          where: { id: { in: ids } },
          select: { id: true, name: true, role: true },
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        });
  return { people, portal: groups.some((g) => g.actorId === null) };
}
