import 'server-only';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { requireCaseAccess } from './access';
import type { CaseMemberChange } from './add-case-member';
import { type CaseMemberInput, ZCaseMemberInput } from './case.schema';
import { lockCase } from './lock-case';

/**
 * Ends a person's assignment to a case in one role (clerks of its court), recorded in the
 * custody log. A party who has submitted an exhibit in that role stays: the exhibit, and who
 * submitted it as what, are on the record for good (CONFLICT).
 */
export async function removeCaseMember(
  actor: Actor,
  caseId: string,
  input: CaseMemberInput,
): Promise<CaseMemberChange> {
  const access = await requireCaseAccess(actor, caseId, 'manage');
  const { userId, role } = parseInput(ZCaseMemberInput, input);
  return withTransaction(async (client) => {
    await lockCase(client, access.caseId);
    if (role === 'plaintiff' || role === 'defendant') {
      const { rowCount } = await client.query(
        'SELECT 1 FROM exhibits WHERE case_id = $1 AND submitted_by = $2 AND party_role = $3::case_role LIMIT 1',
        [access.caseId, userId, role],
      );
      if (rowCount) {
        throw new AppError(
          'CONFLICT',
          `This person has submitted exhibits as ${role} in this case, so they stay on the case as ${role}.`,
          { reason: 'HAS_EXHIBITS', role },
        );
      }
    }
    const { rows } = await client.query<{ name: string }>(
      `DELETE FROM case_members m USING users u
        WHERE m.case_id = $1 AND m.user_id = $2 AND m.role = $3::case_role AND u.id = m.user_id
        RETURNING u.name`,
      [access.caseId, userId, role],
    );
    const removed = rows[0];
    if (!removed) {
      throw new AppError('NOT_FOUND', `This person is not ${role} in this case.`, { reason: 'NOT_MEMBER', role });
    }
    await notifyCaseEvent(client, {
      kind: 'case_member_removed',
      caseId: access.caseId,
      actorId: actor.id,
      memberId: userId,
      memberRole: role,
    });
    await appendAuditEvent(client, {
      action: 'case.member_removed',
      actorId: actor.id,
      caseId: access.caseId,
      subjectId: userId,
      details: { role },
    });
    return { userId, name: removed.name, role };
  });
}
