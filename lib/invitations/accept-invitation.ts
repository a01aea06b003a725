import 'server-only';
/**
 * The invitation's own page (/invitations/<token>): what it invites to (`readInvitation`), and
 * accepting it (`acceptInvitation`): the account is created with the name and password chosen,
 * the invitation marked used, and for a party the account added to the case in its role — all
 * in one transaction with their custody-log events. Other pending case invitations to the same
 * address are honoured in the same step (the link proved the address), so a party invited to
 * two cases needs one account. A forged, used, revoked or expired link changes nothing.
 */
import { appendAuditEvent } from '@/lib/audit';
import { hashPassword } from '@/lib/auth/password';
import { hashOneTimeTokenIfWellFormed } from '@/lib/court/one-time-token';
import type { CaseRole, Role } from '@/lib/db/generated/enums';
import { getPool, withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { type AcceptInvitationInput, ZAcceptInvitation } from './invitation.schema';

export interface InvitationView {
  email: string;
  name: string;
  role: Role;
  caseRole: CaseRole | null;
  caseNumber: string | null;
  courtNameZh: string;
  courtNameEn: string;
  inviterName: string;
  depositorOrgName: string | null;
  expiresAt: Date;
}

interface InvitationRow extends InvitationView {
  id: string;
  courtId: string;
  caseId: string | null;
  depositorOrgId: string | null;
  locale: string;
  invitedBy: string;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  expired: boolean;
}

const SELECT = `SELECT i.id, i.email, i.name, i.role::text AS role, i.case_role::text AS "caseRole",
    k.case_number AS "caseNumber", c.name_zh AS "courtNameZh", c.name_en AS "courtNameEn",
    u.name AS "inviterName", o.name AS "depositorOrgName", i.expires_at AS "expiresAt",
    i.court_id AS "courtId", i.case_id AS "caseId", i.depositor_org_id AS "depositorOrgId", i.locale,
    i.invited_by AS "invitedBy", i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt",
    i.expires_at <= now() AS expired
  FROM invitations i JOIN courts c ON c.id = i.court_id JOIN users u ON u.id = i.invited_by
  LEFT JOIN cases k ON k.id = i.case_id LEFT JOIN depositor_orgs o ON o.id = i.depositor_org_id
  WHERE i.token_hash = $1`;

const INVALID = 'This invitation link is not valid: check that it was copied whole, or ask for a new invitation.';

/** The row for `token` if it can still be accepted; otherwise the reason, as an AppError. */
function usable(row: InvitationRow | undefined): InvitationRow {
  if (!row) throw new AppError('NOT_FOUND', INVALID, { reason: 'LINK_INVALID' });
  if (row.acceptedAt) {
    throw new AppError('CONFLICT', 'This invitation was used already: sign in with the account it created.', {
      reason: 'LINK_USED',
    });
  }
  if (row.revokedAt) {
    throw new AppError('CONFLICT', 'This invitation was withdrawn; ask the person who invited you.', {
      reason: 'LINK_REVOKED',
    });
  }
  if (row.expired) {
    throw new AppError('CONFLICT', 'This invitation has expired; ask the person who invited you to send it again.', {
      reason: 'LINK_EXPIRED',
    });
  }
  return row;
}

function view(row: InvitationRow): InvitationView {
  const {
    email,
    name,
    role,
    caseRole,
    caseNumber,
    courtNameZh,
    courtNameEn,
    inviterName,
    depositorOrgName,
    expiresAt,
  } = row;
  return {
    email,
    name,
    role,
    caseRole,
    caseNumber,
    courtNameZh,
    courtNameEn,
    inviterName,
    depositorOrgName,
    expiresAt,
  };
}

/** What the link invites to; throws NOT_FOUND or CONFLICT (with the reason) when it cannot be accepted. */
export async function readInvitation(token: string): Promise<InvitationView> {
  const hash = hashOneTimeTokenIfWellFormed(token);
  if (!hash) throw new AppError('NOT_FOUND', INVALID, { reason: 'LINK_INVALID' });
  const { rows } = await getPool().query<InvitationRow>(SELECT, [hash]);
  return view(usable(rows[0]));
}

export async function acceptInvitation(
  token: string,
  input: AcceptInvitationInput,
): Promise<{ userId: string; email: string }> {
  const hash = hashOneTimeTokenIfWellFormed(token);
  if (!hash) throw new AppError('NOT_FOUND', INVALID, { reason: 'LINK_INVALID' });
  const data = parseInput(ZAcceptInvitation, input);
  const passwordHash = await hashPassword(data.password);
  return withTransaction(async (client) => {
    const { rows } = await client.query<InvitationRow>(`${SELECT} FOR UPDATE OF i`, [hash]);
    const inv = usable(rows[0]);
    const { rows: taken } = await client.query('SELECT 1 FROM users WHERE email = $1', [inv.email]);
    if (taken.length > 0) {
      throw new AppError('CONFLICT', 'An account with this e-mail address exists already: sign in with it.', {
        reason: 'EMAIL_TAKEN',
      });
    }
    // Staff and parties belong to the inviting court (as the demo seed has them); depositors to no court.
    const staffCourt = inv.role === 'depositor' ? null : inv.courtId;
    const { rows: users } = await client.query<{ id: string }>(
      `INSERT INTO users (id, email, name, role, password_hash, court_id, depositor_org_id, locale)
       VALUES (gen_random_uuid(), $1, $2, $3::role, $4, $5, $6, $7) RETURNING id`,
      [inv.email, data.name, inv.role, passwordHash, staffCourt, inv.depositorOrgId, inv.locale],
    );
    const userId = users[0]?.id as string;
    // This invitation, and for a party every other pending case invitation to the same address.
    const { rows: accepted } = await client.query<{
      id: string;
      caseId: string | null;
      caseRole: CaseRole | null;
      invitedBy: string;
    }>(
      `UPDATE invitations SET accepted_at = now(), accepted_user_id = $2
        WHERE accepted_at IS NULL AND revoked_at IS NULL
          AND (id = $1 OR ($3 AND email = $4 AND case_id IS NOT NULL AND expires_at > now()))
        RETURNING id, case_id AS "caseId", case_role::text AS "caseRole", invited_by AS "invitedBy"`,
      [inv.id, userId, inv.caseId !== null, inv.email],
    );
    for (const a of accepted) {
      // Plaintiff and defendant of one case are never the same person: the first invitation wins.
      if (a.caseId && a.caseRole) {
        await client.query(
          `INSERT INTO case_members (case_id, user_id, role)
           SELECT $1, $2, $3::case_role
            WHERE NOT EXISTS (SELECT 1 FROM case_members WHERE case_id = $1 AND user_id = $2)`,
          [a.caseId, userId, a.caseRole],
        );
      }
    }
    for (const a of accepted) {
      await appendAuditEvent(client, {
        action: 'user.invitation_accepted',
        actorId: userId,
        caseId: a.caseId,
        subjectId: a.id,
        details: {},
      });
      if (a.caseId && a.caseRole) {
        await appendAuditEvent(client, {
          action: 'case.member_added',
          actorId: a.invitedBy,
          caseId: a.caseId,
          subjectId: userId,
          details: { role: a.caseRole, invitation: a.id },
        });
      }
    }
    return { userId, email: inv.email };
  }).catch((error: unknown) => {
    // Two acceptances for one address at the same moment: the second finds the address taken.
    if ((error as { code?: string }).code === '23505') {
      throw new AppError('CONFLICT', 'An account with this e-mail address exists already: sign in with it.', {
        reason: 'EMAIL_TAKEN',
      });
    }
    throw error;
  });
}
