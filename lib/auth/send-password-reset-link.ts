import 'server-only';
/**
 * An administrator sends a person a password-reset link (the people page's "Send a password-reset
 * link"): the same single-use, 30-minute link as "Forgot password?", queued to the person's
 * address in their language, recorded in the audit log — all in one transaction. An administrator
 * may act on any account; a disabled account gets no link (enable it first).
 */
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import type { Actor } from './actor';
import { createResetLink } from './create-reset-link';

const ZUserId = z.uuid({ error: 'userId must be a UUID' });

export async function sendPasswordResetLink(actor: Actor, userId: string): Promise<{ expiresAt: Date }> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators may send password-reset links.');
  const id = parseInput(ZUserId, userId).toLowerCase();
  return withTransaction(async (client) => {
    const { rows } = await client.query<{ id: string; email: string; name: string; locale: string; disabled: boolean }>(
      'SELECT id, email, name, locale, disabled_at IS NOT NULL AS disabled FROM users WHERE id = $1',
      [id],
    );
    const person = rows[0];
    if (!person) throw new AppError('NOT_FOUND', 'No such account.');
    if (person.disabled) {
      throw new AppError('CONFLICT', 'This account is disabled: enable it before sending a password-reset link.', {
        reason: 'ACCOUNT_DISABLED',
      });
    }
    const { expiresAt } = await createResetLink(client, person, actor.id);
    await appendAuditEvent(client, {
      action: 'password.reset_link_sent',
      actorId: actor.id,
      caseId: null,
      subjectId: person.id,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return { expiresAt };
  });
}
