import 'server-only';
/**
 * Using a password-reset link: the new password is set, the link is used up (with every other
 * unused link of the person), all the person's sessions end (a copied session cookie stops
 * working) and the custody log records it — in one transaction. Single use is enforced by the
 * database: `UPDATE … WHERE used_at IS NULL AND expires_at > now()` succeeds for one request only.
 *
 * checkResetLink answers the page before the form is filled in: whom the link is for, or why it
 * no longer works (expired, used, or not a link Verity made).
 */
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { getDb } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { endSessionsOf } from './end-sessions';
import { hashPassword } from './password';
import { ZNewPassword } from './password-policy';
import { hashResetToken, ZResetToken } from './reset-token';

export type ResetLinkProblem = 'LINK_EXPIRED' | 'LINK_USED' | 'LINK_INVALID';

export type ResetLinkState = { ok: true; name: string; email: string } | { ok: false; reason: ResetLinkProblem };

/** Whom a link is for, or why it does not work; changes nothing. */
export async function checkResetLink(token: unknown, now: Date = new Date()): Promise<ResetLinkState> {
  const parsed = ZResetToken.safeParse(token);
  if (!parsed.success) return { ok: false, reason: 'LINK_INVALID' };
  const row = await getDb().passwordResetToken.findUnique({
    where: { tokenHash: new Uint8Array(hashResetToken(parsed.data)) },
    select: { usedAt: true, expiresAt: true, user: { select: { name: true, email: true, disabledAt: true } } },
  });
  if (!row || row.user.disabledAt) return { ok: false, reason: 'LINK_INVALID' };
  if (row.usedAt) return { ok: false, reason: 'LINK_USED' };
  if (row.expiresAt <= now) return { ok: false, reason: 'LINK_EXPIRED' };
  return { ok: true, name: row.user.name, email: row.user.email };
}

export const ZResetPassword = z.object({ token: z.string(), password: ZNewPassword });

function linkProblem(reason: ResetLinkProblem): AppError {
  const words = {
    LINK_EXPIRED: 'This password-reset link has expired; ask for a new one.',
    LINK_USED: 'This password-reset link has already been used; ask for a new one.',
    LINK_INVALID: 'This is not a valid password-reset link; ask for a new one.',
  } as const;
  return new AppError(reason === 'LINK_INVALID' ? 'NOT_FOUND' : 'CONFLICT', words[reason], { reason });
}

/** Sets the new password through a link. Throws VALIDATION_FAILED (weak password), NOT_FOUND/CONFLICT with details.reason. */
export async function resetPassword(input: unknown): Promise<{ userId: string }> {
  const { token, password } = parseInput(ZResetPassword, input);
  const before = await checkResetLink(token);
  if (!before.ok) throw linkProblem(before.reason);
  const passwordHash = await hashPassword(password);
  const hash = hashResetToken(token);
  const used = await withTransaction(async (client) => {
    const { rows } = await client.query<{ user_id: string }>(
      `UPDATE password_reset_tokens t SET used_at = now()
         FROM users u
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
          AND u.id = t.user_id AND u.disabled_at IS NULL
        RETURNING t.user_id`,
      [hash],
    );
    const userId = rows[0]?.user_id;
    if (!userId) return null;
    await client.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
    // One new password closes every other link sent before it.
    await client.query('UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [
      userId,
    ]);
    await endSessionsOf(client, userId, 'password_changed');
    await appendAuditEvent(client, { action: 'password.reset', actorId: userId, caseId: null, subjectId: userId });
    return { userId };
  });
  if (used) return used;
  // Used or expired between the check and the update (another tab, the 30 minutes ran out).
  const after = await checkResetLink(token);
  throw linkProblem(after.ok ? 'LINK_EXPIRED' : after.reason);
}
