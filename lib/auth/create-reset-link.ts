import 'server-only';
/**
 * Makes a password-reset link for a person and queues the e-mail that carries it, in the
 * caller's transaction (the link exists exactly when its e-mail is queued). The e-mail is in the
 * person's language (users.locale); the link is on the portal's public URL and names that
 * language, so the page opens in it too.
 */
import type pg from 'pg';
import { getPublicUrl } from '@/lib/court/get-public-url';
import type { Locale } from '@/lib/i18n/config';
import { queueMail } from '@/lib/mail/queue-mail';
import { newResetToken, RESET_TOKEN_MINUTES } from './reset-token';

export interface ResetLinkPerson {
  id: string;
  email: string;
  name: string;
  locale: string;
}

/** The link a token opens (the page is app/reset-password/[token]). */
export async function resetLinkUrl(token: string, locale: string, courtId: string | null): Promise<string> {
  return `${await getPublicUrl(courtId)}/reset-password/${token}?lang=${encodeURIComponent(locale)}`;
}

export async function createResetLink(
  client: pg.ClientBase,
  person: ResetLinkPerson,
  requestedBy: string | null,
  now: Date = new Date(),
): Promise<{ expiresAt: Date }> {
  const { token, hash } = newResetToken();
  const expiresAt = new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000);
  await client.query(
    `INSERT INTO password_reset_tokens (user_id, token_hash, requested_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [person.id, hash, requestedBy, now, expiresAt],
  );
  // On the person's court's public URL (none: the configured one).
  const { rows } = await client.query<{ court_id: string | null }>('SELECT court_id FROM users WHERE id = $1', [
    person.id,
  ]);
  await queueMail(client, {
    to: person.email,
    locale: person.locale as Locale,
    template: 'password-reset',
    params: {
      name: person.name,
      link: await resetLinkUrl(token, person.locale, rows[0]?.court_id ?? null),
      expiresAt: expiresAt.toISOString(),
    },
  });
  return { expiresAt };
}
