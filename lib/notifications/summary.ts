import 'server-only';
/**
 * A notification as one sentence in the reader's language ("The defendant submitted exhibit 3
 * in case …"): the notifications page, the home page and the e-mail all say it this way.
 */
// use-intl's core (next-intl's own formatter) rather than next-intl: this runs outside React too, in
// scripts under the react-server condition, where next-intl's entry pulls in React hooks.
import { createTranslator } from 'use-intl/core';
import type { Locale } from '@/lib/i18n/config';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import type { NotificationKind, NotificationPayload } from './notification.schema';

const MESSAGES = { 'zh-CN': zh, en } as const;

export function notificationSummary(locale: Locale, kind: NotificationKind, payload: NotificationPayload): string {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'notifications' });
  return t(`kind.${kind}`, {
    caseNumber: payload.caseNumber,
    actorName: payload.actorName ?? '',
    exhibitNumber: payload.exhibitNumber ?? 0,
    party: payload.party ? t(`party.${payload.party}`) : '',
    certificateNumber: payload.certificateNumber ?? '',
    memberName: payload.memberName ?? '',
    memberRole: payload.memberRole ? t(`caseRole.${payload.memberRole}`) : '',
  });
}

/** Where a notification leads, as a path of the portal: the exhibit, or the case. */
export function notificationPath(kind: NotificationKind, caseId: string | null, subjectId: string | null): string {
  if (!caseId) return '/notifications';
  const exhibitKinds: readonly NotificationKind[] = [
    'exhibit_submitted',
    'determination_recorded',
    'certificate_issued',
    'certificate_revoked',
  ];
  if (subjectId && exhibitKinds.includes(kind)) return `/cases/${caseId}/exhibits/${subjectId}`;
  return `/cases/${caseId}`;
}
