import 'server-only';
import { withTransaction } from '@/lib/db/pool';
import { type AppendedAuditEvent, appendAuditEvent } from './append-audit-event';
import type { AuditEventInput } from './audit-event.schema';

/**
 * Appends `event` in a transaction of its own: for events that change nothing else, such as a
 * view or a download. Record the event before serving what it records, so that a failure to
 * record refuses the access rather than leaving it unlogged.
 */
export async function recordAuditEvent(event: AuditEventInput): Promise<AppendedAuditEvent> {
  return withTransaction((client) => appendAuditEvent(client, event));
}
