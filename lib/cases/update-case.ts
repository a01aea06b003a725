import 'server-only';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { withTransaction } from '@/lib/db/pool';
import { parseInput } from '@/lib/errors/zod-issues';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { requireCaseAccess } from './access';
import { type UpdateCaseInput, ZUpdateCaseInput } from './case.schema';
import { type LockedCase, lockCase } from './lock-case';

type Field = 'title' | 'causeOfAction' | 'status';

export interface UpdateCaseResult {
  /** The fields whose value changed (none: nothing was written, no event recorded). */
  changed: Field[];
}

const COLUMN: Record<Field, string> = { title: 'title', causeOfAction: 'cause_of_action', status: 'status' };

/**
 * Edits a case's title, cause of action and status (clerks of its court). Only the fields that
 * differ are written, and the custody log records each one's old and new value.
 */
export async function updateCase(actor: Actor, caseId: string, input: UpdateCaseInput): Promise<UpdateCaseResult> {
  const access = await requireCaseAccess(actor, caseId, 'manage');
  const wanted = parseInput(ZUpdateCaseInput, input);
  return withTransaction(async (client) => {
    const before: LockedCase = await lockCase(client, access.caseId);
    const changes: Partial<Record<Field, { from: string; to: string }>> = {};
    for (const field of ['title', 'causeOfAction', 'status'] as const) {
      const to = wanted[field];
      if (to !== undefined && to !== before[field]) changes[field] = { from: before[field], to };
    }
    const changed = Object.keys(changes) as Field[];
    if (changed.length === 0) return { changed };
    const sets = changed.map((f, i) => `${COLUMN[f]} = $${i + 2}${f === 'status' ? '::case_status' : ''}`);
    await client.query(`UPDATE cases SET ${sets.join(', ')} WHERE id = $1`, [
      access.caseId,
      ...changed.map((f) => changes[f]?.to),
    ]);
    await notifyCaseEvent(client, { kind: 'case_updated', caseId: access.caseId, actorId: actor.id });
    await appendAuditEvent(client, {
      action: 'case.updated',
      actorId: actor.id,
      caseId: access.caseId,
      details: { changes },
    });
    return { changed };
  });
}
