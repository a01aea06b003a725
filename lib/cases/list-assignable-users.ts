import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import type { CaseRole } from '@/lib/db/generated/enums';
import { requireCaseAccess } from './access';
import { fitsCaseRole } from './add-case-member';
import { CASE_ROLES } from './case.schema';

export interface AssignableUser {
  id: string;
  name: string;
  email: string;
  accountRole: 'litigant' | 'judge' | 'clerk';
  /** The case roles this person can still be given (not already held; never both parties). */
  roles: CaseRole[];
}

/**
 * The people a clerk can add to a case: active litigants (as parties) and the active judges
 * and clerks of the case's court, each with the roles still open to them. People with no
 * role left are omitted.
 */
export async function listAssignableUsers(actor: Actor, caseId: string): Promise<AssignableUser[]> {
  const access = await requireCaseAccess(actor, caseId, 'manage');
  const rows = await getDb().user.findMany({
    where: {
      disabledAt: null,
      OR: [{ role: 'litigant' }, { role: { in: ['judge', 'clerk'] }, courtId: access.courtId }],
    },
    orderBy: [{ role: 'asc' }, { name: 'asc' }, { email: 'asc' }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      courtId: true,
      memberships: { where: { caseId: access.caseId }, select: { role: true } },
    },
  });
  const out: AssignableUser[] = [];
  for (const row of rows) {
    if (row.role !== 'litigant' && row.role !== 'judge' && row.role !== 'clerk') continue;
    const held = new Set(row.memberships.map((m) => m.role));
    const isParty = held.has('plaintiff') || held.has('defendant');
    const roles = CASE_ROLES.filter(
      (role) =>
        !held.has(role) &&
        fitsCaseRole({ ...row, disabled: false }, role, access.courtId) &&
        !(isParty && (role === 'plaintiff' || role === 'defendant')),
    );
    if (roles.length > 0) out.push({ id: row.id, name: row.name, email: row.email, accountRole: row.role, roles });
  }
  return out;
}
