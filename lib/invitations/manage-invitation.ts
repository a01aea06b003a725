import 'server-only';
/**
 * Sending a pending invitation again (a new link valid 7 more days; the old link stops working)
 * and revoking one. Staff invitations are their court's administrators' to manage; a case's
 * invitations are that court's clerks' (the case's manage permission).
 */
import type pg from 'pg';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import type { Role } from '@/lib/db/generated/enums';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import type { Locale } from '@/lib/i18n/config';
import { ZInvitationId } from './invitation.schema';
import { sendInvitationMail } from './send-invitation-mail';

interface PendingRow {
  id: string;
  email: string;
  role: Role;
  courtId: string;
  caseId: string | null;
  locale: Locale;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

async function lockManageable(client: pg.ClientBase, actor: Actor, invitationId: string): Promise<PendingRow> {
  const id = parseInput(ZInvitationId, invitationId);
  const { rows } = await client.query<PendingRow>(
    `SELECT id, email, role::text AS role, court_id AS "courtId", case_id AS "caseId", locale,
            accepted_at AS "acceptedAt", revoked_at AS "revokedAt"
       FROM invitations WHERE id = $1 FOR UPDATE`,
    [id],
  );
  const row = rows[0];
  const notFound = () => new AppError('NOT_FOUND', 'No such invitation.');
  if (!row) throw notFound();
  if (row.caseId) {
    // Throws NOT_FOUND for a case the actor may not see, FORBIDDEN for one they may not manage.
    await requireCaseAccess(actor, row.caseId, 'manage');
  } else if (actor.role !== 'admin' || actor.courtId !== row.courtId) {
    throw actor.role === 'admin'
      ? notFound()
      : new AppError('FORBIDDEN', 'Only administrators manage staff invitations.');
  }
  if (row.acceptedAt) {
    throw new AppError('CONFLICT', 'This invitation was accepted already.', { reason: 'LINK_USED' });
  }
  if (row.revokedAt) throw new AppError('CONFLICT', 'This invitation was revoked.', { reason: 'LINK_REVOKED' });
  return row;
}

export async function resendInvitation(actor: Actor, invitationId: string): Promise<{ expiresAt: Date }> {
  return withTransaction(async (client) => {
    const row = await lockManageable(client, actor, invitationId);
    const { rows: users } = await client.query('SELECT 1 FROM users WHERE email = $1', [row.email]);
    if (users.length > 0) {
      throw new AppError('CONFLICT', 'An account with this e-mail address exists already.', { reason: 'EMAIL_TAKEN' });
    }
    const sent = await sendInvitationMail(client, row.id, {
      email: row.email,
      role: row.role,
      courtId: row.courtId,
      caseId: row.caseId,
      locale: row.locale,
      inviterName: actor.name,
    });
    await appendAuditEvent(client, {
      action: 'user.invitation_resent',
      actorId: actor.id,
      caseId: row.caseId,
      subjectId: row.id,
      details: {},
    });
    return sent;
  });
}

export async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
  await withTransaction(async (client) => {
    const row = await lockManageable(client, actor, invitationId);
    await client.query('UPDATE invitations SET revoked_at = now() WHERE id = $1', [row.id]);
    await appendAuditEvent(client, {
      action: 'user.invitation_revoked',
      actorId: actor.id,
      caseId: row.caseId,
      subjectId: row.id,
      details: {},
    });
  });
}
