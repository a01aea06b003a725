import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { markNotificationReadAction } from '@/app/(portal)/notifications/actions';
import type { NotificationItem } from '@/lib/notifications/list-notifications';

/**
 * A person's notifications, newest first: each says whether it is read (a word, not only a
 * colour), what happened (a link to it) and when, with "mark as read" for an unread one.
 */
export async function NotificationList({ items, testId }: { items: NotificationItem[]; testId: string }) {
  const t = await getTranslations('notifications');
  const format = await getFormatter();
  return (
    <ol className="divide-y divide-slate-300 border-y border-slate-300" data-testid={testId}>
      {items.map((item) => {
        const unread = item.readAt === null;
        const summaryId = `notification-${item.id}`;
        return (
          <li
            key={item.id}
            className={`flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between ${unread ? 'border-l-4 border-court-700 pl-3' : 'pl-4'}`}
            data-testid="notification"
            data-read={unread ? 'false' : 'true'}
          >
            <div className="min-w-0">
              <p className="text-sm">
                <span className={unread ? 'font-semibold text-court-800' : 'text-slate-600'}>
                  {unread ? t('unread') : t('read')}
                </span>
                <span className="text-slate-600">
                  {' · '}
                  <time dateTime={item.createdAt.toISOString()}>
                    {format.dateTime(item.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                </span>
              </p>
              <p id={summaryId} className={`wrap-anywhere ${unread ? 'font-semibold' : ''}`}>
                <Link href={item.href} className="text-court-700 underline underline-offset-4 hover:no-underline">
                  {item.summary}
                </Link>
              </p>
            </div>
            {unread ? (
              <form action={markNotificationReadAction} className="shrink-0">
                <input type="hidden" name="id" value={item.id} />
                <button
                  type="submit"
                  aria-describedby={summaryId}
                  className="border border-slate-700 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100"
                  data-testid="mark-read"
                >
                  {t('markRead')}
                </button>
              </form>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
