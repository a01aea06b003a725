import 'server-only';
/**
 * An admin sends a failed e-mail again (the SMTP server is fixed, the address corrected…): the
 * row is queued again with its attempts reset, so the invitation or reset it carries is
 * delivered after all, and the custody log records who did it. Only a failed row: a queued one
 * is still being tried, a sent one arrived.
 */
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { isUuid } from '@/lib/cases/access';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';

export async function resendMail(actor: Actor, outboxId: string): Promise<{ id: string; recipient: string }> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators may send e-mail again.');
  if (typeof outboxId !== 'string' || !isUuid(outboxId)) throw new AppError('NOT_FOUND', 'No such e-mail.');
  return withTransaction(async (client) => {
    const { rows } = await client.query<{ recipient: string; template: string; status: string; attempts: number }>(
      'SELECT recipient, template, status, attempts FROM mail_outbox WHERE id = $1 FOR UPDATE',
      [outboxId],
    );
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND', 'No such e-mail.');
    if (row.status !== 'failed') {
      throw new AppError('CONFLICT', `Only a failed e-mail can be sent again; this one is ${row.status}.`, {
        reason: 'NOT_FAILED',
        status: row.status,
      });
    }
    await client.query(
      `UPDATE mail_outbox SET status = 'queued', attempts = 0, next_attempt_at = now() WHERE id = $1`,
      [outboxId],
    );
    await appendAuditEvent(client, {
      action: 'mail.resent',
      actorId: actor.id,
      caseId: null,
      subjectId: outboxId,
      details: { recipient: row.recipient, template: row.template, attempts: row.attempts },
    });
    return { id: outboxId, recipient: row.recipient };
  });
}
