import 'server-only';
/**
 * Sets up the court and its first administrator with a setup link's token, in one transaction
 * with its custody-log event: the token is consumed first (UPDATE … WHERE used_at IS NULL), so
 * of two submissions of one link exactly one creates anything; the other finds the link used.
 * Every other unused setup link ends with it.
 */
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit';
import { ZEmailAddress } from '@/lib/auth/email-address';
import { hashPassword } from '@/lib/auth/password';
import { ZNewPassword } from '@/lib/auth/password-policy';
import { getPool, withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { LOCALES } from '@/lib/i18n/config';
import { ZCourtSettings, ZPersonName } from './court.schema';
import { hashOneTimeTokenIfWellFormed } from './one-time-token';
import { SETUP_LOCK } from './setup-links';

export const ZSetupInput = ZCourtSettings.extend({
  adminName: ZPersonName,
  adminEmail: ZEmailAddress,
  password: ZNewPassword,
  /** The language of the administrator's e-mail. */
  locale: z.enum(LOCALES).default('zh-CN'),
});
export type SetupInput = z.input<typeof ZSetupInput>;

export interface SetupResult {
  courtId: string;
  adminId: string;
  adminEmail: string;
}

export const SETUP_LINK_INVALID =
  'This setup link is not valid: it was used already, replaced by a newer one, or mistyped. Restart the portal on the empty database for a new link, or sign in if the court is set up.';

export async function completeSetup(token: string, input: SetupInput): Promise<SetupResult> {
  const hash = hashOneTimeTokenIfWellFormed(token);
  if (!hash) throw new AppError('NOT_FOUND', SETUP_LINK_INVALID, { reason: 'LINK_INVALID' });
  const data = parseInput(ZSetupInput, input);
  // Hashed before the transaction: Argon2 takes a while and needs no lock.
  const passwordHash = await hashPassword(data.password);
  return withTransaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK.toString()]);
    const { rows: tokens } = await client.query<{ id: string }>(
      'UPDATE setup_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL RETURNING id',
      [hash],
    );
    const used = tokens[0];
    if (!used) throw new AppError('NOT_FOUND', SETUP_LINK_INVALID, { reason: 'LINK_INVALID' });
    const { rows: taken } = await client.query('SELECT 1 FROM courts WHERE code = $1', [data.code]);
    if (taken.length > 0) {
      throw new AppError('CONFLICT', `A court with the code ${data.code} exists already.`, { reason: 'CODE_TAKEN' });
    }
    const { rows: courts } = await client.query<{ id: string }>(
      `INSERT INTO courts (id, code, name_zh, name_en, public_url) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
      [data.code, data.nameZh, data.nameEn, data.publicUrl],
    );
    const courtId = courts[0]?.id as string;
    const { rows: existing } = await client.query('SELECT 1 FROM users WHERE email = $1', [data.adminEmail]);
    if (existing.length > 0) {
      throw new AppError('CONFLICT', 'An account with this e-mail address exists already.', {
        reason: 'EMAIL_TAKEN',
      });
    }
    const { rows: users } = await client.query<{ id: string }>(
      `INSERT INTO users (id, email, name, role, password_hash, court_id, locale)
       VALUES (gen_random_uuid(), $1, $2, 'admin', $3, $4, $5) RETURNING id`,
      [data.adminEmail, data.adminName, passwordHash, courtId, data.locale],
    );
    const adminId = users[0]?.id as string;
    await client.query('UPDATE setup_tokens SET court_id = $2 WHERE id = $1', [used.id, courtId]);
    await client.query('UPDATE setup_tokens SET used_at = now() WHERE used_at IS NULL');
    await appendAuditEvent(client, {
      action: 'court.set_up',
      actorId: adminId,
      caseId: null,
      subjectId: courtId,
      details: { code: data.code, nameZh: data.nameZh, nameEn: data.nameEn, publicUrl: data.publicUrl },
    });
    return { courtId, adminId, adminEmail: data.adminEmail };
  });
}

/** Whether `token` is a setup link that still works (the page shows the form or says why not). */
export async function isSetupTokenValid(token: string): Promise<boolean> {
  const hash = hashOneTimeTokenIfWellFormed(token);
  if (!hash) return false;
  const { rows } = await getPool().query('SELECT 1 FROM setup_tokens WHERE token_hash = $1 AND used_at IS NULL', [
    hash,
  ]);
  return rows.length > 0;
}
