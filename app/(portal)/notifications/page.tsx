import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { EmailChoice } from '@/components/notifications/email-choice';
import { NotificationList } from '@/components/notifications/notification-list';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { requireUser } from '@/lib/auth/session';
import { isLocale } from '@/lib/i18n/config';
import { listNotifications, ZNotificationsQuery } from '@/lib/notifications/list-notifications';
import { markAllNotificationsReadAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notifications');
  return { title: t('pageTitle') };
}

/** A person's own notifications: newest first, all or unread, a page at a time; and their e-mail choice. */
export default async function NotificationsPage({ searchParams }: PageProps<'/notifications'>) {
  const user = await requireUser();
  const [t, tp, locale, params] = await Promise.all([
    getTranslations('notifications'),
    getTranslations('mailbox.pagination'),
    getLocale(),
    searchParams,
  ]);
  // A malformed query string shows the first page of everything rather than an error.
  const query = ZNotificationsQuery.safeParse({ page: params.page, show: params.show });
  const { page, show } = query.success ? query.data : { page: 1, show: 'all' as const };
  const list = await listNotifications(user, isLocale(locale) ? locale : 'zh-CN', { page, show });
  const filterLink = (value: 'all' | 'unread', label: string) => (
    <Link
      href={value === 'all' ? '/notifications' : '/notifications?show=unread'}
      aria-current={show === value ? 'page' : undefined}
      className={
        show === value ? 'font-semibold text-slate-900 no-underline' : 'text-court-700 underline underline-offset-4'
      }
    >
      {label}
    </Link>
  );
  return (
    <section aria-labelledby="notifications-heading">
      <h1 id="notifications-heading" className="mb-3 text-3xl font-bold">
        {t('heading')}
      </h1>
      <p className="mb-1 max-w-prose text-slate-700">{t('intro')}</p>
      <p className="mb-4 text-sm text-slate-600" data-testid="unread-count">
        {t('unreadCount', { count: list.unread })}
      </p>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t('filterLabel')} className="flex gap-4">
          <span className="text-slate-600">{t('filterLabel')}:</span>
          {filterLink('all', t('filterAll'))}
          {filterLink('unread', t('filterUnread'))}
        </nav>
        {list.unread > 0 ? (
          <form action={markAllNotificationsReadAction}>
            <button
              type="submit"
              className="bg-court-700 px-4 py-2 font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800"
              data-testid="mark-all-read"
            >
              {t('markAllRead')}
            </button>
          </form>
        ) : null}
      </div>
      {list.items.length > 0 ? (
        <NotificationList items={list.items} testId="notification-list" />
      ) : (
        <p data-testid="no-notifications">{show === 'unread' ? t('noneUnread') : t('none')}</p>
      )}
      <Pagination
        page={list.page}
        pages={list.pages}
        href={(n) => pageHref('/notifications', { show: show === 'unread' ? 'unread' : undefined }, n)}
        labels={{
          nav: tp('label'),
          previous: tp('previous'),
          next: tp('next'),
          status: tp('page', { page: list.page, pages: list.pages }),
        }}
      />
      <EmailChoice on={list.notifyByEmail} email={user.email} />
    </section>
  );
}
