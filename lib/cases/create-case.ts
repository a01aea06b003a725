import 'server-only';
import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { type CreateCaseInput, ZCreateCaseInput } from './case.schema';
import { isUniqueViolation } from './lock-case';

export interface CreatedCase {
  id: string;
  caseNumber: string;
}

/**
 * Opens a case on the clerk's own court's docket. The clerk who opens it is its first clerk;
 * the case, that assignment and their custody-log events are written in one transaction.
 */
export async function createCase(actor: Actor, input: CreateCaseInput): Promise<CreatedCase> {
  if (actor.role !== 'clerk') throw new AppError('FORBIDDEN', 'Only clerks may open cases.');
  const courtId = actor.courtId;
  if (!courtId) {
    throw new AppError('FORBIDDEN', 'Your clerk account is not attached to a court, so it cannot open cases.');
  }
  const { caseNumber, title, causeOfAction } = parseInput(ZCreateCaseInput, input);
  const id = randomUUID();
  try {
    await withTransaction(async (client) => {
      await client.query(
        'INSERT INTO cases (id, court_id, case_number, title, cause_of_action) VALUES ($1, $2, $3, $4, $5)',
        [id, courtId, caseNumber, title, causeOfAction],
      );
      await client.query("INSERT INTO case_members (case_id, user_id, role) VALUES ($1, $2, 'clerk')", [id, actor.id]);
      // The other clerks of the court (issue #16).
      await notifyCaseEvent(client, { kind: 'case_created', caseId: id, actorId: actor.id });
      await appendAuditEvent(client, {
        action: 'case.created',
        actorId: actor.id,
        caseId: id,
        details: { caseNumber, title, causeOfAction, status: 'open' },
      });
      await appendAuditEvent(client, {
        action: 'case.member_added',
        actorId: actor.id,
        caseId: id,
        subjectId: actor.id,
        details: { role: 'clerk' },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'cases_case_number_key')) {
      throw new AppError(
        'CONFLICT',
        `Case number ${caseNumber} is already on the docket. Check the number; each case number is used once.`,
        { reason: 'CASE_NUMBER_TAKEN', caseNumber },
      );
    }
    throw error;
  }
  return { id, caseNumber };
}
