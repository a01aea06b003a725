import 'server-only';
/**
 * Invitations as their managers see them: an administrator, the court's staff invitations (never
 * a case's: admins see no case content); a clerk, one case's. Newest first; status computed.
 */
import { type ListQuery, likePattern, PAGE_SIZE, type Page, toPage, ZListQuery } from '@/lib/accounts/paging';
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import type { CaseRole, Role } from '@/lib/db/generated/enums';
import { getPool } from '@/lib/db/pool';
import { requireAdmin } from '@/lib/depositors/require-admin';

export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

export interface InvitationSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  caseRole: CaseRole | null;
  depositorOrgName: string | null;
  inviterName: string;
  sentAt: Date;
  expiresAt: Date;
  status: InvitationStatus;
}

const COLUMNS = `i.id, i.email, i.name, i.role::text AS role, i.case_role::text AS "caseRole",
  o.name AS "depositorOrgName", u.name AS "inviterName", i.sent_at AS "sentAt", i.expires_at AS "expiresAt",
  CASE WHEN i.accepted_at IS NOT NULL THEN 'accepted' WHEN i.revoked_at IS NOT NULL THEN 'revoked'
       WHEN i.expires_at <= now() THEN 'expired' ELSE 'pending' END AS status`;
const FROM = `invitations i JOIN users u ON u.id = i.invited_by LEFT JOIN depositor_orgs o ON o.id = i.depositor_org_id`;

export async function listStaffInvitations(actor: Actor, query: ListQuery = {}): Promise<Page<InvitationSummary>> {
  requireAdmin(actor, 'list invitations');
  const { q, page } = ZListQuery.parse(query);
  const { rows } = await getPool().query<InvitationSummary & { total: string }>(
    `SELECT ${COLUMNS}, count(*) OVER () AS total FROM ${FROM}
      WHERE i.court_id = $1 AND i.case_id IS NULL AND ($2 = '' OR i.email ILIKE $3 OR i.name ILIKE $3)
      ORDER BY i.created_at DESC, i.id LIMIT ${PAGE_SIZE} OFFSET $4`,
    [actor.courtId, q, likePattern(q), (page - 1) * PAGE_SIZE],
  );
  return toPage(
    rows.map(({ total: _, ...r }) => r),
    Number(rows[0]?.total ?? 0),
    page,
  );
}

/** A case's invitations that have not been accepted (the accepted ones are among its people). */
export async function listCaseInvitations(actor: Actor, caseId: string): Promise<InvitationSummary[]> {
  const access = await requireCaseAccess(actor, caseId, 'manage');
  const { rows } = await getPool().query<InvitationSummary>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE i.case_id = $1 AND i.accepted_at IS NULL ORDER BY i.created_at DESC LIMIT 100`,
    [access.caseId],
  );
  return rows;
}
