import 'server-only';
/**
 * An administrator invites a judge, clerk, administrator or depositor of their court by e-mail.
 * The invitation, its mail and its custody-log event are one transaction. An address that has an
 * account already is refused (staff accounts are never taken over by an invitation); so is a
 * second pending invitation to the same address (send the first again instead).
 */
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { withTransaction } from '@/lib/db/pool';
import { requireAdmin } from '@/lib/depositors/require-admin';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { insertInvitation, refuseTakenAddress } from './insert-invitation';
import { type StaffInvitationInput, ZStaffInvitation } from './invitation.schema';
import { sendInvitationMail } from './send-invitation-mail';

export async function inviteStaff(
  actor: Actor,
  input: StaffInvitationInput,
): Promise<{ invitationId: string; expiresAt: Date }> {
  requireAdmin(actor, 'invite staff');
  const courtId = actor.courtId;
  if (!courtId) throw new AppError('FORBIDDEN', 'This administrator account belongs to no court.');
  const data = parseInput(ZStaffInvitation, input);
  return withTransaction(async (client) => {
    await refuseTakenAddress(client, data.email, null);
    if (data.depositorOrgId) {
      const { rows } = await client.query('SELECT 1 FROM depositor_orgs WHERE id = $1', [data.depositorOrgId]);
      if (rows.length === 0) throw new AppError('NOT_FOUND', 'No such depositor organisation.');
    }
    const invitationId = await insertInvitation(client, {
      email: data.email,
      name: data.name,
      role: data.role,
      courtId,
      depositorOrgId: data.depositorOrgId ?? null,
      caseId: null,
      caseRole: null,
      locale: data.locale,
      invitedBy: actor.id,
    });
    const { expiresAt } = await sendInvitationMail(client, invitationId, {
      email: data.email,
      role: data.role,
      courtId,
      caseId: null,
      locale: data.locale,
      inviterName: actor.name,
    });
    await appendAuditEvent(client, {
      action: 'user.invited',
      actorId: actor.id,
      caseId: null,
      subjectId: invitationId,
      details: { email: data.email, role: data.role },
    });
    return { invitationId, expiresAt };
  });
}
