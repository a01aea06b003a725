import type { Role } from '@/lib/db/generated/enums';

/** The signed-in person a domain function acts for: who, in which role, at which court. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  courtId: string | null;
}

export const ROLES = ['litigant', 'judge', 'clerk', 'admin'] as const satisfies readonly Role[];
