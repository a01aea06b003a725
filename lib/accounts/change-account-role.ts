import 'server-only';
/**
 * Changes the role of a court's staff account (judge, clerk, admin, depositor). Ends the person's
 * sessions in the same transaction, so the old role's pages close at once; may not demote the
 * court's last active administrator. Parties (litigants) keep their role: they join cases by
 * invitation, not by an admin's choice. A person still assigned to a case as judge or clerk
 * keeps that role until a clerk removes them from the case (the case's people must fit it).
 */
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { endSessionsOf } from '@/lib/auth/end-sessions';
import { withTransaction } from '@/lib/db/pool';
import { requireAdmin } from '@/lib/depositors/require-admin';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { keepOneActiveAdmin, lockManagedAccount } from './managed-account';

export const STAFF_ROLES = ['judge', 'clerk', 'admin', 'depositor'] as const;

export const ZChangeAccountRole = z
  .object({
    userId: z.uuid({ error: 'userId must be a UUID' }),
    role: z.enum(STAFF_ROLES, { error: 'role must be judge, clerk, admin or depositor' }),
    depositorOrgId: z.uuid({ error: 'choose the depositor organisation' }).optional(),
  })
  .refine((o) => (o.role === 'depositor') === (o.depositorOrgId !== undefined), {
    path: ['depositorOrgId'],
    error: 'a depositor belongs to exactly one depositor organisation; other roles to none',
  });
export type ChangeAccountRoleOptions = z.input<typeof ZChangeAccountRole>;

export async function changeAccountRole(
  actor: Actor,
  options: ChangeAccountRoleOptions,
): Promise<{ changed: boolean; sessionsEnded: number }> {
  requireAdmin(actor, 'change roles');
  const { userId, role, depositorOrgId } = parseInput(ZChangeAccountRole, options);
  if (!actor.courtId) throw new AppError('FORBIDDEN', 'This administrator account belongs to no court.');
  return withTransaction(async (client) => {
    const account = await lockManagedAccount(client, actor, userId);
    if (account.role === 'litigant') {
      throw new AppError('CONFLICT', "A party's account keeps its role; invite staff with a new account.", {
        reason: 'PARTY_ROLE_FIXED',
      });
    }
    if (account.role === role && account.depositorOrgId === (depositorOrgId ?? null)) {
      return { changed: false, sessionsEnded: 0 };
    }
    if (account.role !== role) await keepOneActiveAdmin(client, account);
    const { rows: cases } = await client.query(
      `SELECT 1 FROM case_members WHERE user_id = $1 AND role::text IN ('judge', 'clerk') AND role::text <> $2 LIMIT 1`,
      [userId, role],
    );
    if (cases.length > 0) {
      throw new AppError(
        'CONFLICT',
        'This person is assigned to cases as judge or clerk: a clerk must remove them from those cases first.',
        { reason: 'IN_CASES' },
      );
    }
    if (depositorOrgId) {
      const { rows } = await client.query('SELECT 1 FROM depositor_orgs WHERE id = $1', [depositorOrgId]);
      if (rows.length === 0) throw new AppError('NOT_FOUND', 'No such depositor organisation.');
    }
    // Staff belong to this admin's court; depositors to none (their organisation is who they are).
    await client.query('UPDATE users SET role = $2::role, depositor_org_id = $3, court_id = $4 WHERE id = $1', [
      userId,
      role,
      depositorOrgId ?? null,
      role === 'depositor' ? null : actor.courtId,
    ]);
    const sessionsEnded = await endSessionsOf(client, userId, 'role_changed');
    await appendAuditEvent(client, {
      action: 'user.role_changed',
      actorId: actor.id,
      caseId: null,
      subjectId: userId,
      details: { from: account.role, to: role, depositorOrgId: depositorOrgId ?? null, sessionsEnded },
    });
    return { changed: true, sessionsEnded };
  });
}
