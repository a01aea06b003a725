import 'server-only';
/**
 * Every change to depositors (organisations, API keys, signing keys) is a custody-log event
 * outside any case, appended in the change's own transaction. The operators' CLI
 * (scripts/depositors.ts) acts as OPERATOR_ACTOR, who is no account: its events name no actor.
 */
import type pg from 'pg';
import { appendAuditEvent } from '@/lib/audit';
import type { AuditAction } from '@/lib/audit/actions';
import type { JsonValue } from '@/lib/audit/audit-event.schema';
import type { Actor } from '@/lib/auth/actor';

export const OPERATOR_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'operator@verity.invalid',
  name: 'Verity operator CLI',
  role: 'admin',
  courtId: null,
  depositorOrgId: null,
};

export async function auditDepositorChange(
  client: pg.ClientBase,
  actor: Actor,
  action: AuditAction,
  subjectId: string,
  details: Record<string, JsonValue>,
): Promise<void> {
  await appendAuditEvent(client, {
    action,
    actorId: actor.id === OPERATOR_ACTOR.id ? null : actor.id,
    caseId: null,
    subjectId,
    details,
  });
}

/** Whether `error` is PostgreSQL's `code` (23505 unique, 23503 foreign key). */
export function isPgError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
