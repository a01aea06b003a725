import 'server-only';
/**
 * A clerk of the case's court sets (or removes) the deadline for opinions (质证期限): the end of
 * the chosen day in Beijing time. A new deadline supersedes the last; each is kept. Opinions after
 * it are still accepted, and marked late. The parties are told; the custody log records old and new.
 */
import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { lockCase } from '@/lib/cases/lock-case';
import { withTransaction } from '@/lib/db/pool';
import { parseInput } from '@/lib/errors/zod-issues';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { currentDeadline } from './current-deadline';
import { endOfDayInBeijing, ZDeadlineInput } from './exchange.schema';

export interface SetDeadlineResult {
  deadline: Date | null;
  /** False when the deadline was already this one (nothing written, no event). */
  changed: boolean;
}

export async function setExchangeDeadline(actor: Actor, caseId: string, input: unknown): Promise<SetDeadlineResult> {
  const access = await requireCaseAccess(actor, caseId, 'set_exchange_deadline');
  const { date } = parseInput(ZDeadlineInput, input);
  const deadline = date === '' ? null : endOfDayInBeijing(date);
  return withTransaction(async (client) => {
    await lockCase(client, access.caseId);
    const before = await currentDeadline(client, access.caseId);
    if ((before?.getTime() ?? null) === (deadline?.getTime() ?? null)) return { deadline, changed: false };
    const createdAt = new Date();
    await client.query(
      `INSERT INTO exchange_deadlines (id, case_id, deadline, set_by, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [randomUUID(), access.caseId, deadline, actor.id, createdAt],
    );
    await notifyCaseEvent(client, {
      kind: 'exchange_deadline_set',
      caseId: access.caseId,
      actorId: actor.id,
      deadline,
    });
    await appendAuditEvent(client, {
      action: 'case.exchange_deadline_set',
      actorId: actor.id,
      caseId: access.caseId,
      details: { from: before?.toISOString() ?? null, to: deadline?.toISOString() ?? null },
      at: createdAt,
    });
    return { deadline, changed: true };
  });
}
