import 'server-only';
/**
 * A judge's determination on an exhibit (accepted / rejected / expert review requested), with
 * reasoning the parties will read, and the parties' opinions on the exhibit (质证意见, lib/exchange)
 * it answers. Determinations are never edited: a new one supersedes the last, and the history stays.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { requireExhibitAccess } from '@/lib/cases/access';
import type { DeterminationOutcome } from '@/lib/db/generated/enums';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { normaliseNewlines, plainMultilineText } from '@/lib/text/plain-text';

export const DETERMINATION_OUTCOMES = [
  'accepted',
  'rejected',
  'expert_review',
] as const satisfies readonly DeterminationOutcome[];

export const ZDetermination = z.strictObject({
  outcome: z.enum(DETERMINATION_OUTCOMES, { message: 'Choose accepted, rejected or expert review' }),
  reasoning: z
    .string()
    .overwrite(normaliseNewlines)
    .trim()
    .min(1, 'Give the reasoning for the determination')
    .max(5000, 'The reasoning has at most 5000 characters')
    .superRefine(plainMultilineText('the reasoning')),
  /** The opinions on this exhibit the determination answers (issue #17): ids, each at most once. */
  answers: z
    .array(z.uuid({ message: 'Choose opinions listed on the exhibit' }))
    .max(500)
    .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, 'An opinion is ticked twice')
    .transform((ids) => ids.map((id) => id.toLowerCase()))
    .optional(),
});

export interface RecordedDetermination {
  id: string;
  outcome: DeterminationOutcome;
  createdAt: Date;
  /** The opinions it answers. */
  answers: string[];
}

export async function recordDetermination(
  actor: Actor,
  exhibitId: string,
  input: unknown,
): Promise<RecordedDetermination> {
  const access = await requireExhibitAccess(actor, exhibitId, 'determine');
  const data = parseInput(ZDetermination, input);
  const answers = data.answers ?? [];
  const id = randomUUID();
  const createdAt = new Date();
  await withTransaction(async (client) => {
    if (answers.length > 0) {
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM exhibit_opinions WHERE id = ANY($1::uuid[]) AND exhibit_id = $2 AND created_at <= $3',
        [answers, exhibitId, createdAt],
      );
      if (rows.length !== answers.length) {
        throw new AppError('VALIDATION_FAILED', 'answers: choose opinions listed on this exhibit', {
          issues: [{ path: 'answers', code: 'not_an_opinion_here', message: 'Choose opinions listed on the exhibit' }],
        });
      }
    }
    await client.query(
      `INSERT INTO determinations (id, exhibit_id, judge_id, outcome, reasoning, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, exhibitId, access.actor.id, data.outcome, data.reasoning, createdAt],
    );
    if (answers.length > 0) {
      await client.query(
        `INSERT INTO determination_answers (determination_id, opinion_id) SELECT $1, unnest($2::uuid[])`,
        [id, answers],
      );
    }
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
      details: { determinationId: id, outcome: data.outcome, reasoning: data.reasoning, answers },
      at: createdAt,
    });
  });
  return { id, outcome: data.outcome, createdAt, answers };
}
