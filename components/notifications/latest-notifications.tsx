import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/auth/actor';
import { isLocale } from '@/lib/i18n/config';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { NotificationList } from './notification-list';

/** The home page's few newest unread notifications, and the way to all of them. */
export async function LatestNotifications({ user }: { user: Actor }) {
  const [t, locale] = await Promise.all([getTranslations('notifications'), getLocale()]);
  const latest = await listNotifications(user, isLocale(locale) ? locale : 'zh-CN', { show: 'unread', limit: 5 });
  return (
    <section aria-labelledby="latest-notifications-heading" className="mb-8" data-testid="latest-notifications">
      {/* Not a heading: the home page's one h2 is the person's cases (other pages and tests rely on it). */}
      <p id="latest-notifications-heading" className="mb-2 text-xl font-bold">
        {t('homeHeading')}
      </p>
      {latest.items.length > 0 ? (
        <>
          <p className="mb-2 text-sm text-slate-600">{t('unreadCount', { count: latest.unread })}</p>
          <NotificationList items={latest.items} testId="latest-notification-list" />
        </>
      ) : (
        <p className="text-slate-700">{t('noneUnread')}</p>
      )}
      <p className="mt-2">
        <Link href="/notifications" className="text-court-700 underline underline-offset-4 hover:no-underline">
          {t('homeAll')}
        </Link>
      </p>
    </section>
  );
}
