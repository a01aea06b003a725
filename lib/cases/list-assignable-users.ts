import 'server-only';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import type { CaseRole } from '@/lib/db/generated/enums';
import { parseInput } from '@/lib/errors/zod-issues';
import { plainText } from '@/lib/text/plain-text';
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

/** The most people one search shows (the manage page's picker). */
export const ASSIGNABLE_SEARCH_LIMIT = 20;

export const ZAssignableSearch = z.object({
  /** Part of a name or e-mail address, any case; blank finds nobody (the picker asks first). */
  q: z.string().trim().max(200).superRefine(plainText('q')).default(''),
  limit: z.number().int().min(1).max(100).default(ASSIGNABLE_SEARCH_LIMIT),
});

export interface AssignableSearchResult {
  /** At most `limit` people, litigants first, then judges, then clerks, each by name. */
  people: AssignableUser[];
  /** More people match than are shown: the clerk should search more precisely. */
  truncated: boolean;
  limit: number;
}

/** `text` for Prisma's `contains`, which passes LIKE's own % and _ through: taken literally here. */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The people a clerk can add to a case whose name or e-mail contains `q` (case-insensitive):
 * active litigants (as parties) and the active judges and clerks of the case's court, who hold
 * no role in the case yet (each account role fits its case roles only, and a party is never
 * both parties, so anyone already in the case has no role left), each with the roles open to
 * them. The search runs in the database with a limit, so the number of accounts does not matter.
 */
export async function searchAssignableUsers(
  actor: Actor,
  caseId: string,
  input: z.input<typeof ZAssignableSearch>,
): Promise<AssignableSearchResult> {
  const access = await requireCaseAccess(actor, caseId, 'manage');
  const { q, limit } = parseInput(ZAssignableSearch, input);
  if (q === '') return { people: [], truncated: false, limit };
  const text = literal(q);
  const rows = await getDb().user.findMany({
    where: {
      disabledAt: null,
      OR: [{ role: 'litigant' }, { role: { in: ['judge', 'clerk'] }, courtId: access.courtId }],
      memberships: { none: { caseId: access.caseId } },
      AND: [
        { OR: [{ name: { contains: text, mode: 'insensitive' } }, { email: { contains: text, mode: 'insensitive' } }] },
      ],
    },
    orderBy: [{ role: 'asc' }, { name: 'asc' }, { email: 'asc' }],
    take: limit + 1,
    select: { id: true, name: true, email: true, role: true, courtId: true },
  });
  const people: AssignableUser[] = [];
  for (const row of rows.slice(0, limit)) {
    if (row.role !== 'litigant' && row.role !== 'judge' && row.role !== 'clerk') continue;
    const roles = CASE_ROLES.filter((role) => fitsCaseRole({ ...row, disabled: false }, role, access.courtId));
    if (roles.length > 0) people.push({ id: row.id, name: row.name, email: row.email, accountRole: row.role, roles });
  }
  return { people, truncated: rows.length > limit, limit };
}
