import 'server-only';
/**
 * Issues an invitation's link (a fresh token, valid INVITATION_DAYS) and queues its e-mail in
 * the caller's transaction: the invitation and its mail are written together or not at all. The
 * link goes only into the mail; only the token's hash is stored.
 */
import type pg from 'pg';
import { getPublicUrl } from '@/lib/court/get-public-url';
import { newOneTimeToken } from '@/lib/court/one-time-token';
import type { Role } from '@/lib/db/generated/enums';
import type { Locale } from '@/lib/i18n/config';
import { queueMail } from '@/lib/mail/queue-mail';
import { INVITATION_DAYS } from './invitation.schema';

export interface InvitationMail {
  email: string;
  role: Role;
  courtId: string;
  caseId: string | null;
  locale: Locale;
  inviterName: string;
}

/** A new token and expiry for the invitation, and its mail; returns the expiry. */
export async function sendInvitationMail(
  client: pg.ClientBase,
  invitationId: string,
  mail: InvitationMail,
): Promise<{ expiresAt: Date }> {
  const { token, hash } = newOneTimeToken();
  const { rows } = await client.query<{ expiresAt: Date; nameZh: string; nameEn: string; caseNumber: string | null }>(
    `UPDATE invitations i SET token_hash = $2, sent_at = now(), expires_at = now() + make_interval(days => $3)
       FROM courts c
      WHERE i.id = $1 AND c.id = i.court_id
      RETURNING i.expires_at AS "expiresAt", c.name_zh AS "nameZh", c.name_en AS "nameEn",
                (SELECT case_number FROM cases WHERE id = i.case_id) AS "caseNumber"`,
    [invitationId, hash, INVITATION_DAYS],
  );
  const row = rows[0];
  if (!row) throw new Error(`sendInvitationMail: no invitation ${invitationId}`);
  const publicUrl = await getPublicUrl(mail.courtId);
  await queueMail(client, {
    to: mail.email,
    locale: mail.locale,
    template: 'invitation',
    params: {
      inviterName: mail.inviterName,
      courtName: mail.locale === 'en' ? row.nameEn : row.nameZh,
      role: mail.role,
      ...(row.caseNumber ? { caseNumber: row.caseNumber } : {}),
      // The link names the mail's language, so the page opens in it on a browser that never chose one
      // (lib/i18n/request.ts), as a password-reset link does.
      link: `${publicUrl}/invitations/${token}?lang=${encodeURIComponent(mail.locale)}`,
      expiresAt: row.expiresAt.toISOString(),
    },
  });
  return { expiresAt: row.expiresAt };
}
