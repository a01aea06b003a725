import 'server-only';
/** The invitation row itself, and the checks every new invitation makes about its address. */
import type pg from 'pg';
import type { CaseRole, Role } from '@/lib/db/generated/enums';
import { AppError } from '@/lib/errors/app-error';
import type { Locale } from '@/lib/i18n/config';

export interface NewInvitation {
  email: string;
  name: string;
  role: Role;
  courtId: string;
  depositorOrgId: string | null;
  caseId: string | null;
  caseRole: CaseRole | null;
  locale: Locale;
  invitedBy: string;
}

/**
 * Refuses an address that has an account (EMAIL_TAKEN) or a pending invitation to the same
 * place (ALREADY_INVITED: the court's staff when `caseId` is null, else that case). Pending
 * invitations that expired are revoked here, so that a new one can take their place.
 */
export async function refuseTakenAddress(client: pg.ClientBase, email: string, caseId: string | null): Promise<void> {
  // Serialises invitations to one address, so two at once cannot both pass the checks below.
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended('invitation:' || $1, 0))", [email]);
  const { rows: users } = await client.query('SELECT 1 FROM users WHERE email = $1', [email]);
  if (users.length > 0) {
    throw new AppError('CONFLICT', 'An account with this e-mail address exists already.', { reason: 'EMAIL_TAKEN' });
  }
  await client.query(
    `UPDATE invitations SET revoked_at = now()
      WHERE email = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= now()`,
    [email],
  );
  const { rows: pending } = await client.query(
    `SELECT 1 FROM invitations
      WHERE email = $1 AND case_id IS NOT DISTINCT FROM $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
    [email, caseId],
  );
  if (pending.length > 0) {
    throw new AppError('CONFLICT', 'This address has a pending invitation already: send that one again instead.', {
      reason: 'ALREADY_INVITED',
    });
  }
}

/** Inserts the row with a placeholder token that sendInvitationMail replaces in the same transaction. */
export async function insertInvitation(client: pg.ClientBase, inv: NewInvitation): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO invitations (email, name, role, court_id, depositor_org_id, case_id, case_role, locale, invited_by,
                              token_hash, expires_at)
     VALUES ($1, $2, $3::role, $4, $5, $6, $7::case_role, $8, $9, sha256(gen_random_uuid()::text::bytea), now())
     RETURNING id`,
    [
      inv.email,
      inv.name,
      inv.role,
      inv.courtId,
      inv.depositorOrgId,
      inv.caseId,
      inv.caseRole,
      inv.locale,
      inv.invitedBy,
    ],
  );
  return rows[0]?.id as string;
}
