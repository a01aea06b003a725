import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/enums';
/** Accounts of the portal, for administrators only. */
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from './actor';

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The depositor organisation of a depositor account; null for every other role. */
  depositorOrgName: string | null;
  disabled: boolean;
  createdAt: Date;
}

export async function listUsers(actor: Actor): Promise<UserSummary[]> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators may list user accounts.');
  const rows = await getDb().user.findMany({
    orderBy: [{ role: 'asc' }, { email: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      depositorOrg: { select: { name: true } },
    },
  });
  return rows.map(({ disabledAt, depositorOrg, ...row }) => ({
    ...row,
    depositorOrgName: depositorOrg?.name ?? null,
    disabled: disabledAt !== null,
  }));
}
