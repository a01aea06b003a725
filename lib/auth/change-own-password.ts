import 'server-only';
/**
 * A person changes their own password (the account page): the current password is required,
 * the new one must pass ZNewPassword, and every other session of theirs ends — the one they are
 * using stays — in the transaction that sets it, recorded in the audit log. Wrong current
 * passwords are limited per account (a stolen, signed-in session must not become a way to guess
 * the password at leisure).
 */
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { getDb } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import type { Actor } from './actor';
import { endSessionsOf } from './end-sessions';
import { clearFailures, lockedForSeconds, recordFailures, type ThrottlePolicy } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { ZNewPassword } from './password-policy';

/** Wrong current passwords on the account page, per account. */
export const CHANGE_PASSWORD_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const ZChangeOwnPassword = z.object({
  currentPassword: z
    .string({ error: 'enter your current password' })
    .min(1, { error: 'enter your current password' })
    .max(1024),
  newPassword: ZNewPassword,
});

export interface ChangeOwnPasswordOptions {
  /** The session the person is using (kept); every other one ends. */
  keepSessionId: string | null;
  now?: Date;
}

/** Throws VALIDATION_FAILED (weak new password), FORBIDDEN with details.reason CURRENT_PASSWORD_WRONG, RATE_LIMITED. */
export async function changeOwnPassword(
  actor: Actor,
  input: unknown,
  options: ChangeOwnPasswordOptions,
): Promise<{ endedSessions: number }> {
  const { currentPassword, newPassword } = parseInput(ZChangeOwnPassword, input);
  const now = options.now ?? new Date();
  const db = getDb();
  const key = `password-change:${actor.id}`;
  const locked = await lockedForSeconds(db, [key], now);
  if (locked > 0) {
    throw new AppError('RATE_LIMITED', `Too many wrong passwords; try again in ${locked} seconds.`, {
      retryAfterSeconds: locked,
    });
  }
  const user = await db.user.findFirst({ where: { id: actor.id, disabledAt: null }, select: { passwordHash: true } });
  if (!user) throw new AppError('NOT_FOUND', 'Your account no longer exists or is disabled.');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    const lockedNow = await recordFailures(db, [[key, CHANGE_PASSWORD_POLICY]], now);
    if (lockedNow > 0) {
      throw new AppError('RATE_LIMITED', `Too many wrong passwords; try again in ${lockedNow} seconds.`, {
        retryAfterSeconds: lockedNow,
      });
    }
    throw new AppError('FORBIDDEN', 'The current password is wrong.', { reason: 'CURRENT_PASSWORD_WRONG' });
  }
  await clearFailures(db, [key]);
  const passwordHash = await hashPassword(newPassword);
  return withTransaction(async (client) => {
    await client.query('UPDATE users SET password_hash = $2 WHERE id = $1', [actor.id, passwordHash]);
    // A link sent before the change must not undo it.
    await client.query('UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [
      actor.id,
    ]);
    const endedSessions = await endSessionsOf(client, actor.id, 'password_changed', options.keepSessionId ?? undefined);
    await appendAuditEvent(client, {
      action: 'password.changed',
      actorId: actor.id,
      caseId: null,
      subjectId: actor.id,
      details: { endedSessions },
    });
    return { endedSessions };
  });
}
