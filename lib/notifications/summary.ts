import 'server-only';
/**
 * A notification as one sentence in the reader's language ("The defendant submitted exhibit 3
 * in case …"): the notifications page, the home page and the e-mail all say it this way.
 */
// use-intl's core (next-intl's own formatter) rather than next-intl: this runs outside React too, in
// scripts under the react-server condition, where next-intl's entry pulls in React hooks.
import { createTranslator } from 'use-intl/core';
import { COURT_TIME_ZONE, type Locale } from '@/lib/i18n/config';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import type { NotificationKind, NotificationPayload } from './notification.schema';

const MESSAGES = { 'zh-CN': zh, en } as const;

/** The evidence exchange's kinds (issue #17), whose sentences live in messages exchange.notification. */
const EXCHANGE_KINDS = ['opinion_lodged', 'opinion_replied', 'exchange_deadline_set'] as const;
type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

function isExchangeKind(kind: NotificationKind): kind is ExchangeKind {
  return (EXCHANGE_KINDS as readonly string[]).includes(kind);
}

export function notificationSummary(locale: Locale, kind: NotificationKind, payload: NotificationPayload): string {
  if (isExchangeKind(kind)) return exchangeSummary(locale, kind, payload);
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

function exchangeSummary(locale: Locale, kind: ExchangeKind, payload: NotificationPayload): string {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'exchange.notification' });
  const values = {
    caseNumber: payload.caseNumber,
    actorName: payload.actorName ?? '',
    exhibitNumber: payload.exhibitNumber ?? 0,
  };
  switch (kind) {
    case 'opinion_lodged':
      return t(payload.late ? 'opinion_lodged_late' : 'opinion_lodged', values);
    case 'opinion_replied':
      return t('opinion_replied', values);
    case 'exchange_deadline_set': {
      if (!payload.deadline) return t('exchange_deadline_removed', values);
      const deadline = new Intl.DateTimeFormat(locale, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: COURT_TIME_ZONE,
      }).format(new Date(payload.deadline));
      return t('exchange_deadline_set', { ...values, deadline });
    }
  }
}

/** Where a notification leads, as a path of the portal: the exhibit, or the case. */
export function notificationPath(kind: NotificationKind, caseId: string | null, subjectId: string | null): string {
  if (!caseId) return '/notifications';
  const exhibitKinds: readonly NotificationKind[] = [
    'exhibit_submitted',
    'determination_recorded',
    'certificate_issued',
    'certificate_revoked',
    'opinion_lodged',
    'opinion_replied',
  ];
  if (subjectId && exhibitKinds.includes(kind)) return `/cases/${caseId}/exhibits/${subjectId}`;
  return `/cases/${caseId}`;
}
