import 'server-only';
/**
 * A judge's determination on an exhibit (accepted / rejected / expert review requested), with
 * reasoning the parties will read. Determinations are never edited: a new one supersedes the
 * last, and the history stays.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { requireExhibitAccess } from '@/lib/cases/access';
import type { DeterminationOutcome } from '@/lib/db/generated/enums';
import { withTransaction } from '@/lib/db/pool';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';

export const DETERMINATION_OUTCOMES = [
  'accepted',
  'rejected',
  'expert_review',
] as const satisfies readonly DeterminationOutcome[];

export const ZDetermination = z.strictObject({
  outcome: z.enum(DETERMINATION_OUTCOMES, { message: 'Choose accepted, rejected or expert review' }),
  reasoning: z
    .string()
    .trim()
    .min(1, 'Give the reasoning for the determination')
    .max(5000, 'The reasoning has at most 5000 characters'),
});

export interface RecordedDetermination {
  id: string;
  outcome: DeterminationOutcome;
  createdAt: Date;
}

export async function recordDetermination(
  actor: Actor,
  exhibitId: string,
  input: unknown,
): Promise<RecordedDetermination> {
  const access = await requireExhibitAccess(actor, exhibitId, 'determine');
  const data = ZDetermination.parse(input);
  const id = randomUUID();
  const createdAt = new Date();
  await withTransaction(async (client) => {
    await client.query(
      `INSERT INTO determinations (id, exhibit_id, judge_id, outcome, reasoning, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, exhibitId, access.actor.id, data.outcome, data.reasoning, createdAt],
    );
    await notifyCaseEvent(client, {
      kind: 'determination_recorded',
      caseId: access.caseId,
      actorId: access.actor.id,
      exhibitId,
    });
    await appendAuditEvent(client, {
      action: 'exhibit.determined',
      actorId: access.actor.id,
      caseId: access.caseId,
      subjectId: exhibitId,
      details: { determinationId: id, outcome: data.outcome, reasoning: data.reasoning },
      at: createdAt,
    });
  });
  return { id, outcome: data.outcome, createdAt };
}
