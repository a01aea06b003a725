import 'server-only';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import type { CaseRole, Role } from '@/lib/db/generated/enums';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { requireCaseAccess } from './access';
import { type CaseMemberInput, ZCaseMemberInput } from './case.schema';
import { lockCase } from './lock-case';

/** Which accounts may take a role in a case: parties are litigants; judges and clerks belong to its court. */
export function fitsCaseRole(
  user: { role: Role; courtId: string | null; disabled: boolean },
  role: CaseRole,
  caseCourtId: string,
): boolean {
  if (user.disabled) return false;
  switch (role) {
    case 'plaintiff':
    case 'defendant':
      return user.role === 'litigant';
    case 'judge':
    case 'clerk':
      return user.role === role && user.courtId === caseCourtId;
  }
}

const EXPECTED: Record<CaseRole, string> = {
  plaintiff: 'A plaintiff must be an active litigant account.',
  defendant: 'A defendant must be an active litigant account.',
  judge: "A judge of the case must be an active judge account of the case's court.",
  clerk: "A clerk of the case must be an active clerk account of the case's court.",
};

const OTHER_PARTY: Partial<Record<CaseRole, CaseRole>> = { plaintiff: 'defendant', defendant: 'plaintiff' };

export interface CaseMemberChange {
  userId: string;
  name: string;
  role: CaseRole;
}

/** Assigns a person to a case in a role (clerks of its court), recorded in the custody log. */
export async function addCaseMember(actor: Actor, caseId: string, input: CaseMemberInput): Promise<CaseMemberChange> {
  const access = await requireCaseAccess(actor, caseId, 'manage');
  const { userId, role } = parseInput(ZCaseMemberInput, input);
  return withTransaction(async (client) => {
    const locked = await lockCase(client, access.caseId);
    const { rows: users } = await client.query<{ name: string; role: Role; courtId: string | null; disabled: boolean }>(
      `SELECT name, role::text AS role, court_id AS "courtId", disabled_at IS NOT NULL AS disabled FROM users WHERE id = $1`,
      [userId],
    );
    const user = users[0];
    // The same answer whether the account is missing, disabled or of the wrong kind.
    if (!user || !fitsCaseRole(user, role, locked.courtId)) {
      throw new AppError('VALIDATION_FAILED', EXPECTED[role], { reason: 'ROLE_MISMATCH', role });
    }
    const { rows: held } = await client.query<{ role: CaseRole }>(
      'SELECT role::text AS role FROM case_members WHERE case_id = $1 AND user_id = $2',
      [access.caseId, userId],
    );
    const roles = held.map((r) => r.role);
    if (roles.includes(role)) {
      throw new AppError('CONFLICT', `This person is already ${role} in this case.`, {
        reason: 'ALREADY_MEMBER',
        role,
      });
    }
    const other = OTHER_PARTY[role];
    if (other && roles.includes(other)) {
      throw new AppError(
        'CONFLICT',
        `This person is the ${other} in this case and cannot also be the ${role}. Remove them as ${other} first.`,
        { reason: 'BOTH_PARTIES', role },
      );
    }
    await client.query('INSERT INTO case_members (case_id, user_id, role) VALUES ($1, $2, $3::case_role)', [
      access.caseId,
      userId,
      role,
    ]);
    await notifyCaseEvent(client, {
      kind: 'case_member_added',
      caseId: access.caseId,
      actorId: actor.id,
      memberId: userId,
      memberRole: role,
    });
    await appendAuditEvent(client, {
      action: 'case.member_added',
      actorId: actor.id,
      caseId: access.caseId,
      subjectId: userId,
      details: { role },
    });
    return { userId, name: user.name, role };
  });
}
