import 'server-only';
import type pg from 'pg';
import { AppError } from '@/lib/errors/app-error';

export interface LockedCase {
  courtId: string;
  caseNumber: string;
  title: string;
  causeOfAction: string;
  status: 'open' | 'closed';
}

/**
 * Locks the case row for the rest of the transaction (FOR UPDATE), so that changes to one
 * case's details and people are serialised, and an exhibit cannot be inserted for it (its
 * foreign key takes FOR KEY SHARE) while a member is being removed.
 */
export async function lockCase(client: pg.PoolClient, caseId: string): Promise<LockedCase> {
  const { rows } = await client.query<LockedCase>(
    `SELECT court_id AS "courtId", case_number AS "caseNumber", title, cause_of_action AS "causeOfAction",
            status::text AS status
       FROM cases WHERE id = $1 FOR UPDATE`,
    [caseId],
  );
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  return row;
}

/** Whether `error` is PostgreSQL's unique_violation (23505) on `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === '23505' &&
    (error as { constraint?: unknown }).constraint === constraint
  );
}
