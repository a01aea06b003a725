import 'server-only';
/**
 * Disables or enables an account. Disabling ends every session of the person in the same
 * transaction (a copied session cookie stops working at once) and may not leave the court
 * without an active administrator. Idempotent: disabling a disabled account changes nothing.
 */
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { endSessionsOf } from '@/lib/auth/end-sessions';
import { withTransaction } from '@/lib/db/pool';
import { requireAdmin } from '@/lib/depositors/require-admin';
import { parseInput } from '@/lib/errors/zod-issues';
import { keepOneActiveAdmin, lockManagedAccount } from './managed-account';

export const ZSetAccountDisabled = z.object({
  userId: z.uuid({ error: 'userId must be a UUID' }),
  disabled: z.boolean(),
});
export type SetAccountDisabledOptions = z.input<typeof ZSetAccountDisabled>;

export async function setAccountDisabled(
  actor: Actor,
  options: SetAccountDisabledOptions,
): Promise<{ changed: boolean; sessionsEnded: number }> {
  requireAdmin(actor, 'disable or enable accounts');
  const { userId, disabled } = parseInput(ZSetAccountDisabled, options);
  return withTransaction(async (client) => {
    const account = await lockManagedAccount(client, actor, userId);
    if (account.disabled === disabled) return { changed: false, sessionsEnded: 0 };
    if (disabled) await keepOneActiveAdmin(client, account);
    await client.query(`UPDATE users SET disabled_at = ${disabled ? 'now()' : 'NULL'} WHERE id = $1`, [userId]);
    const sessionsEnded = disabled ? await endSessionsOf(client, userId, 'disabled') : 0;
    await appendAuditEvent(client, {
      action: disabled ? 'user.disabled' : 'user.enabled',
      actorId: actor.id,
      caseId: null,
      subjectId: userId,
      details: { email: account.email, sessionsEnded },
    });
    return { changed: true, sessionsEnded };
  });
}
