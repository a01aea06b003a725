import type { Role } from '@/lib/db/generated/enums';

/**
 * The signed-in person a domain function acts for: who, in which role, at which court, and
 * for a depositor account, for which depositor organisation.
 */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  courtId: string | null;
  /** Set exactly for role `depositor` (a database CHECK keeps it so). */
  depositorOrgId: string | null;
}

export const ROLES = ['litigant', 'judge', 'clerk', 'admin', 'depositor'] as const satisfies readonly Role[];
