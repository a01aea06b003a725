import 'server-only';
/**
 * The submitting side replies to an opinion on its exhibit, with reasons. Replies are never
 * edited; another can follow. The other side and the judges are told; the custody log records it.
 */
import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { isUuid, requireExhibitAccess } from '@/lib/cases/access';
import { lockCase } from '@/lib/cases/lock-case';
import { getPool, withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { ZReplyInput } from './exchange.schema';

export interface RecordedReply {
  id: string;
  opinionId: string;
  exhibitId: string;
  createdAt: Date;
}

function noSuchOpinion(): AppError {
  return new AppError('NOT_FOUND', 'No such opinion.');
}

export async function replyToOpinion(actor: Actor, opinionId: string, input: unknown): Promise<RecordedReply> {
  if (!isUuid(opinionId)) throw noSuchOpinion();
  const { rows } = await getPool().query<{ exhibit_id: string }>(
    'SELECT exhibit_id FROM exhibit_opinions WHERE id = $1',
    [opinionId],
  );
  const exhibitId = rows[0]?.exhibit_id;
  if (!exhibitId) throw noSuchOpinion();
  let access: Awaited<ReturnType<typeof requireExhibitAccess>>;
  try {
    access = await requireExhibitAccess(actor, exhibitId, 'reply_opinion');
  } catch (error) {
    // An opinion on an exhibit one may not see does not exist for them either.
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw noSuchOpinion();
    throw error;
  }
  const data = parseInput(ZReplyInput, input);
  const id = randomUUID();
  return withTransaction(async (client) => {
    const locked = await lockCase(client, access.caseId);
    if (locked.status !== 'open') throw new AppError('FORBIDDEN', 'The case is closed: no more replies.');
    const createdAt = new Date();
    await client.query(
      `INSERT INTO opinion_replies (id, opinion_id, author_id, party_role, reasons, created_at)
       VALUES ($1, $2, $3, $4::case_role, $5, $6)`,
      [id, opinionId, actor.id, access.exhibitSide, data.reasons, createdAt],
    );
    await notifyCaseEvent(client, { kind: 'opinion_replied', caseId: access.caseId, actorId: actor.id, exhibitId });
    await appendAuditEvent(client, {
      action: 'exhibit.opinion_replied',
      actorId: actor.id,
      caseId: access.caseId,
      subjectId: exhibitId,
      details: { opinionId, replyId: id, party: access.exhibitSide ?? null, reasons: data.reasons },
      at: createdAt,
    });
    return { id, opinionId, exhibitId, createdAt };
  });
}
