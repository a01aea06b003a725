import 'server-only';
/**
 * A party lodges an opinion (质证意见) on an exhibit of the other side: for each of authenticity,
 * legality and relevance, accept / dispute / no opinion, with reasons (required when disputed),
 * and optionally an exhibit of their own side in the same case as counter-evidence. After the
 * case's deadline it is still accepted, and marked late. Opinions are never edited: another one
 * can follow. The submitting side and the judges are told; the custody log records it.
 */
import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { requireExhibitAccess } from '@/lib/cases/access';
import { lockCase } from '@/lib/cases/lock-case';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { currentDeadline } from './current-deadline';
import { ASPECTS, ZOpinionInput } from './exchange.schema';

export interface LodgedOpinion {
  id: string;
  late: boolean;
  deadline: Date | null;
  createdAt: Date;
}

export async function lodgeOpinion(actor: Actor, exhibitId: string, input: unknown): Promise<LodgedOpinion> {
  const access = await requireExhibitAccess(actor, exhibitId, 'lodge_opinion');
  const data = parseInput(ZOpinionInput, input);
  // The objector's side: the party role that is not the exhibit's (allows() made sure they hold it).
  const side = access.exhibitSide === 'plaintiff' ? 'defendant' : 'plaintiff';
  const id = randomUUID();
  return withTransaction(async (client) => {
    // Serialised with deadline changes and status changes of the case.
    const locked = await lockCase(client, access.caseId);
    if (locked.status !== 'open') throw new AppError('FORBIDDEN', 'The case is closed: no more opinions.');
    if (data.counterExhibitId) {
      const { rowCount } = await client.query(
        `SELECT 1 FROM exhibits WHERE id = $1 AND case_id = $2 AND party_role = $3::case_role AND id <> $4`,
        [data.counterExhibitId, access.caseId, side, exhibitId],
      );
      if (!rowCount) {
        throw new AppError(
          'VALIDATION_FAILED',
          'counterExhibitId: choose an exhibit your side submitted in this case',
          {
            issues: [{ path: 'counterExhibitId', code: 'not_own_exhibit', message: 'choose one of your exhibits' }],
          },
        );
      }
    }
    const deadline = await currentDeadline(client, access.caseId);
    const createdAt = new Date();
    const late = deadline !== null && createdAt > deadline;
    await client.query(
      `INSERT INTO exhibit_opinions (id, exhibit_id, author_id, party_role, authenticity, authenticity_reasons,
         legality, legality_reasons, relevance, relevance_reasons, counter_exhibit_id, deadline, late, created_at)
       VALUES ($1, $2, $3, $4::case_role, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        id,
        exhibitId,
        actor.id,
        side,
        data.authenticity,
        data.authenticityReasons ?? null,
        data.legality,
        data.legalityReasons ?? null,
        data.relevance,
        data.relevanceReasons ?? null,
        data.counterExhibitId ?? null,
        deadline,
        late,
        createdAt,
      ],
    );
    await notifyCaseEvent(client, {
      kind: 'opinion_lodged',
      caseId: access.caseId,
      actorId: actor.id,
      exhibitId,
      late,
    });
    const positions = Object.fromEntries(
      ASPECTS.map((a) => [a, { position: data[a], reasons: data[`${a}Reasons`] ?? null }]),
    );
    await appendAuditEvent(client, {
      action: 'exhibit.opinion_lodged',
      actorId: actor.id,
      caseId: access.caseId,
      subjectId: exhibitId,
      details: {
        opinionId: id,
        party: side,
        ...positions,
        counterExhibitId: data.counterExhibitId ?? null,
        deadline: deadline?.toISOString() ?? null,
        late,
      },
      at: createdAt,
    });
    return { id, late, deadline, createdAt };
  });
}
