import 'server-only';
/**
 * Tells the people a case event concerns, in the transaction of the event itself (so nobody is
 * told of what did not happen): one notification each, and, for those who chose e-mail
 * (users.notify_by_email), a `notification` mail queued in their own language. Who is told:
 *
 * | event                                   | told                                   |
 * | --------------------------------------- | -------------------------------------- |
 * | exhibit submitted                       | the case's parties and judges          |
 * | determination recorded                  | the case's parties                     |
 * | certificate issued / revoked            | the case's parties                     |
 * | case created / updated, member added or removed | the clerks of the case's court |
 * | opinion lodged on an exhibit (issue #17)  | the exhibit's side and the judges      |
 * | reply to an opinion (issue #17)           | the other side and the judges          |
 * | deadline for opinions set (issue #17)     | the case's parties                     |
 *
 * never the person who acted, never a disabled account.
 *
 * Call it before appendAuditEvent (which should come last in a transaction, see there).
 */
import type pg from 'pg';
import type { CaseRole } from '@/lib/db/generated/enums';
import { isLocale } from '@/lib/i18n/config';
import { portalUrl } from '@/lib/mail/portal-url';
import { queueMail } from '@/lib/mail/queue-mail';
import { type NotificationKind, type NotificationPayload, ZNotificationPayload } from './notification.schema';
import { notificationPath, notificationSummary } from './summary';

export type CaseEvent =
  | { kind: 'exhibit_submitted'; caseId: string; actorId: string; exhibitId: string }
  | { kind: 'determination_recorded'; caseId: string; actorId: string; exhibitId: string }
  | {
      kind: 'certificate_issued' | 'certificate_revoked';
      caseId: string;
      actorId: string;
      exhibitId: string;
      certificateNumber: string;
    }
  | { kind: 'case_created' | 'case_updated'; caseId: string; actorId: string }
  | { kind: 'opinion_lodged'; caseId: string; actorId: string; exhibitId: string; late: boolean }
  | { kind: 'opinion_replied'; caseId: string; actorId: string; exhibitId: string }
  | { kind: 'exchange_deadline_set'; caseId: string; actorId: string; deadline: Date | null }
  | {
      kind: 'case_member_added' | 'case_member_removed';
      caseId: string;
      actorId: string;
      memberId: string;
      memberRole: CaseRole;
    };

type Audience =
  | 'parties_and_judges'
  | 'parties'
  | 'court_clerks'
  /** The parties of the side that submitted the exhibit ($3), and the judges. */
  | 'exhibit_side_and_judges'
  /** The parties of the other side than the exhibit's ($3), and the judges. */
  | 'other_side_and_judges';

const AUDIENCE: Record<NotificationKind, Audience> = {
  exhibit_submitted: 'parties_and_judges',
  determination_recorded: 'parties',
  certificate_issued: 'parties',
  certificate_revoked: 'parties',
  case_created: 'court_clerks',
  case_updated: 'court_clerks',
  case_member_added: 'court_clerks',
  case_member_removed: 'court_clerks',
  opinion_lodged: 'exhibit_side_and_judges',
  opinion_replied: 'other_side_and_judges',
  exchange_deadline_set: 'parties',
};

const AUDIENCE_SQL: Record<Audience, string> = {
  parties_and_judges: `
    SELECT DISTINCT u.id, u.email, u.name, u.locale, u.notify_by_email FROM case_members m JOIN users u ON u.id = m.user_id
     WHERE m.case_id = $1 AND m.role IN ('plaintiff', 'defendant', 'judge') AND u.disabled_at IS NULL AND u.id <> $2`,
  parties: `
    SELECT DISTINCT u.id, u.email, u.name, u.locale, u.notify_by_email FROM case_members m JOIN users u ON u.id = m.user_id
     WHERE m.case_id = $1 AND m.role IN ('plaintiff', 'defendant') AND u.disabled_at IS NULL AND u.id <> $2`,
  court_clerks: `
    SELECT u.id, u.email, u.name, u.locale, u.notify_by_email FROM users u JOIN cases c ON c.court_id = u.court_id
     WHERE c.id = $1 AND u.role = 'clerk' AND u.disabled_at IS NULL AND u.id <> $2`,
  exhibit_side_and_judges: `
    SELECT DISTINCT u.id, u.email, u.name, u.locale, u.notify_by_email
      FROM case_members m JOIN users u ON u.id = m.user_id JOIN exhibits e ON e.id = $3 AND e.case_id = m.case_id
     WHERE m.case_id = $1 AND (m.role = e.party_role OR m.role = 'judge') AND u.disabled_at IS NULL AND u.id <> $2`,
  other_side_and_judges: `
    SELECT DISTINCT u.id, u.email, u.name, u.locale, u.notify_by_email
      FROM case_members m JOIN users u ON u.id = m.user_id JOIN exhibits e ON e.id = $3 AND e.case_id = m.case_id
     WHERE m.case_id = $1 AND m.role IN ('plaintiff', 'defendant', 'judge') AND m.role <> e.party_role
       AND u.disabled_at IS NULL AND u.id <> $2`,
};

interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: string;
  notify_by_email: boolean;
}

export interface NotifyResult {
  /** The people told (user ids). */
  notified: string[];
  /** Of those, the ones a mail was queued for. */
  mailed: string[];
}

export async function notifyCaseEvent(client: pg.ClientBase, event: CaseEvent): Promise<NotifyResult> {
  const audience = AUDIENCE[event.kind];
  const params = [event.caseId, event.actorId];
  if (audience === 'exhibit_side_and_judges' || audience === 'other_side_and_judges') {
    if (!('exhibitId' in event)) throw new Error(`notifyCaseEvent: ${event.kind} needs an exhibit`);
    params.push(event.exhibitId);
  }
  const { rows: recipients } = await client.query<Recipient>(AUDIENCE_SQL[audience], params);
  if (recipients.length === 0) return { notified: [], mailed: [] };
  const { payload, subjectId } = await describeEvent(client, event);
  await client.query(
    `INSERT INTO notifications (user_id, kind, case_id, subject_id, payload)
     SELECT u, $2, $3, $4, $5::jsonb FROM unnest($1::uuid[]) AS u`,
    [recipients.map((r) => r.id), event.kind, event.caseId, subjectId, JSON.stringify(payload)],
  );
  const { rows: court } = await client.query<{ court_id: string }>('SELECT court_id FROM cases WHERE id = $1', [
    event.caseId,
  ]);
  const link = await portalUrl(notificationPath(event.kind, event.caseId, subjectId), court[0]?.court_id ?? null);
  const mailed: string[] = [];
  for (const r of recipients) {
    if (!r.notify_by_email) continue;
    const locale = isLocale(r.locale) ? r.locale : 'zh-CN';
    await queueMail(client, {
      to: r.email,
      locale,
      template: 'notification',
      params: {
        name: r.name,
        summary: notificationSummary(locale, event.kind, payload),
        // The link names the mail's language, so the page opens in it on a browser that never chose one.
        link: `${link}?lang=${encodeURIComponent(locale)}`,
      },
    });
    mailed.push(r.id);
  }
  return { notified: recipients.map((r) => r.id), mailed };
}

/** The words of the event's sentence, read in the same transaction. */
async function describeEvent(
  client: pg.ClientBase,
  event: CaseEvent,
): Promise<{ payload: NotificationPayload; subjectId: string | null }> {
  const { rows } = await client.query<{ case_number: string; actor_name: string | null }>(
    `SELECT c.case_number, (SELECT name FROM users WHERE id = $2) AS actor_name FROM cases c WHERE c.id = $1`,
    [event.caseId, event.actorId],
  );
  const head = rows[0];
  if (!head) throw new Error(`notifyCaseEvent: no case ${event.caseId}`);
  const base = { caseNumber: head.case_number, actorName: head.actor_name ?? undefined };
  switch (event.kind) {
    case 'exhibit_submitted':
    case 'determination_recorded':
    case 'certificate_issued':
    case 'certificate_revoked':
    case 'opinion_lodged':
    case 'opinion_replied': {
      const { rows: exhibits } = await client.query<{ number: number; party_role: 'plaintiff' | 'defendant' }>(
        'SELECT number, party_role::text AS party_role FROM exhibits WHERE id = $1 AND case_id = $2',
        [event.exhibitId, event.caseId],
      );
      const exhibit = exhibits[0];
      if (!exhibit) throw new Error(`notifyCaseEvent: no exhibit ${event.exhibitId} in case ${event.caseId}`);
      const payload: NotificationPayload = { ...base, exhibitNumber: exhibit.number };
      if (event.kind === 'exhibit_submitted') payload.party = exhibit.party_role;
      if (event.kind === 'opinion_lodged') payload.late = event.late;
      if (event.kind === 'certificate_issued' || event.kind === 'certificate_revoked') {
        payload.certificateNumber = event.certificateNumber;
      }
      return { payload: ZNotificationPayload.parse(payload), subjectId: event.exhibitId };
    }
    case 'case_created':
    case 'case_updated':
      return { payload: ZNotificationPayload.parse(base), subjectId: null };
    case 'exchange_deadline_set':
      return {
        payload: ZNotificationPayload.parse({ ...base, deadline: event.deadline?.toISOString() ?? null }),
        subjectId: null,
      };
    case 'case_member_added':
    case 'case_member_removed': {
      const { rows: members } = await client.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [
        event.memberId,
      ]);
      return {
        payload: ZNotificationPayload.parse({
          ...base,
          memberName: members[0]?.name ?? '',
          memberRole: event.memberRole,
        }),
        subjectId: event.memberId,
      };
    }
  }
}
