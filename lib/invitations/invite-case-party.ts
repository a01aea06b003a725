import 'server-only';
/**
 * A clerk adds a party to a case by e-mail. An address with an account is added at once (the
 * docket's own addCaseMember, with its checks: a litigant, not already the other party). A new
 * address gets an invitation: on acceptance the account is created as a litigant and added to
 * the case in that role. Only clerks of the case's court may: another court's case is NOT_FOUND.
 */
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { addCaseMember } from '@/lib/cases/add-case-member';
import { lockCase } from '@/lib/cases/lock-case';
import { getPool, withTransaction } from '@/lib/db/pool';
import { parseInput } from '@/lib/errors/zod-issues';
import { insertInvitation, refuseTakenAddress } from './insert-invitation';
import { type PartyInvitationInput, ZPartyInvitation } from './invitation.schema';
import { sendInvitationMail } from './send-invitation-mail';

export type CasePartyResult =
  | { kind: 'added'; userId: string; name: string; caseRole: 'plaintiff' | 'defendant' }
  | { kind: 'invited'; invitationId: string; expiresAt: Date; caseRole: 'plaintiff' | 'defendant' };

export async function inviteCaseParty(
  actor: Actor,
  caseId: string,
  input: PartyInvitationInput,
): Promise<CasePartyResult> {
  const access = await requireCaseAccess(actor, caseId, 'manage');
  const data = parseInput(ZPartyInvitation, input);
  const { rows: users } = await getPool().query<{ id: string }>('SELECT id FROM users WHERE email = $1', [data.email]);
  const existing = users[0];
  if (existing) {
    const added = await addCaseMember(actor, access.caseId, { userId: existing.id, role: data.caseRole });
    return { kind: 'added', userId: added.userId, name: added.name, caseRole: data.caseRole };
  }
  return withTransaction(async (client) => {
    const locked = await lockCase(client, access.caseId);
    await refuseTakenAddress(client, data.email, access.caseId);
    const invitationId = await insertInvitation(client, {
      email: data.email,
      name: data.name,
      role: 'litigant',
      courtId: locked.courtId,
      depositorOrgId: null,
      caseId: access.caseId,
      caseRole: data.caseRole,
      locale: data.locale,
      invitedBy: actor.id,
    });
    const { expiresAt } = await sendInvitationMail(client, invitationId, {
      email: data.email,
      role: 'litigant',
      courtId: locked.courtId,
      caseId: access.caseId,
      locale: data.locale,
      inviterName: actor.name,
    });
    await appendAuditEvent(client, {
      action: 'user.invited',
      actorId: actor.id,
      caseId: access.caseId,
      subjectId: invitationId,
      details: { role: data.caseRole },
    });
    return { kind: 'invited', invitationId, expiresAt, caseRole: data.caseRole };
  });
}
