import 'server-only';
/**
 * What every change to an account's role or status starts with, inside its transaction: one
 * advisory lock that serialises such changes, then the account (if this admin manages it), then
 * the rule that a court always keeps one active administrator. Because every disable and role
 * change holds the lock while it counts the active admins, two admins disabling each other at the
 * same moment cannot both succeed: the second counts after the first committed, and is refused.
 * (Row locks alone would deadlock there: each holds its own target and waits for the other's.)
 */
import type pg from 'pg';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/db/generated/enums';
import { AppError } from '@/lib/errors/app-error';

export interface LockedAccount {
  id: string;
  email: string;
  name: string;
  role: Role;
  courtId: string | null;
  depositorOrgId: string | null;
  disabled: boolean;
}

/** Arbitrary, fixed: the advisory lock of account status and role changes (audit: …322, setup: …330). */
export const ACCOUNTS_LOCK = 7_406_110_331n;

export async function lockManagedAccount(client: pg.ClientBase, actor: Actor, userId: string): Promise<LockedAccount> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNTS_LOCK.toString()]);
  const { rows } = await client.query<LockedAccount>(
    `SELECT id, email, name, role::text AS role, court_id AS "courtId", depositor_org_id AS "depositorOrgId",
            disabled_at IS NOT NULL AS disabled
       FROM users WHERE id = $1 AND (court_id IS NULL OR court_id = $2) FOR UPDATE`,
    [userId, actor.courtId],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', 'No such account.');
  return rows[0];
}

/** Refuses (CONFLICT, reason LAST_ADMIN) when `account` is the last active admin of its court. */
export async function keepOneActiveAdmin(client: pg.ClientBase, account: LockedAccount): Promise<void> {
  if (account.role !== 'admin' || account.disabled) return;
  // Under ACCOUNTS_LOCK (lockManagedAccount), which every change that removes an admin holds.
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL AND court_id IS NOT DISTINCT FROM $1`,
    [account.courtId],
  );
  if (!rows.some((r) => r.id !== account.id)) {
    throw new AppError(
      'CONFLICT',
      'This is the last active administrator of the court: make another person administrator first.',
      { reason: 'LAST_ADMIN' },
    );
  }
}
