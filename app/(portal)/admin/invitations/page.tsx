import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getFormatter, getMessages, getTranslations } from 'next-intl/server';
import { AdminForm } from '@/components/admin/admin-form';
import { Pagination, SearchForm } from '@/components/admin/list-controls';
import { pageQuery } from '@/components/admin/page-query';
import { StackedTable } from '@/components/ui/stacked-table';
import { requireRole } from '@/lib/auth/session';
import { COURT_TIME_ZONE } from '@/lib/i18n/config';
import { listStaffInvitations } from '@/lib/invitations/list-invitations';
import { resendInvitationAction, revokeInvitationAction } from '../users/actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.invitations');
  return { title: t('pageTitle') };
}

/** The court's staff invitations, newest first: send a pending one again, or withdraw it. */
export default async function InvitationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireRole('admin');
  const { q, page } = await pageQuery(searchParams);
  const result = await listStaffInvitations(admin, { q, page });
  const t = await getTranslations();
  const format = await getFormatter();
  const messages = await getMessages();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: COURT_TIME_ZONE });
  const rows = result.items.map((i) => ({
    key: i.id,
    cells: [
      <span key="n">
        {i.name}
        <span className="block font-mono text-sm break-all">{i.email}</span>
      </span>,
      i.depositorOrgName ? `${t(`roles.${i.role}`)} · ${i.depositorOrgName}` : t(`roles.${i.role}`),
      <span key="s" data-testid="invitation-status">
        {t(`admin.invitations.status.${i.status}`)}
      </span>,
      when(i.expiresAt),
      i.status === 'pending' || i.status === 'expired' ? (
        <div key="a" className="flex flex-wrap gap-3">
          <AdminForm
            id={`resend-${i.id}`}
            action={resendInvitationAction}
            secondary
            submitLabel={t('admin.invitations.resend')}
            fields={[
              { name: 'invitationId', label: '', type: 'hidden', defaultValue: i.id },
              { name: 'email', label: '', type: 'hidden', defaultValue: i.email },
            ]}
          />
          <AdminForm
            id={`revoke-${i.id}`}
            action={revokeInvitationAction}
            secondary
            submitLabel={t('admin.invitations.revoke')}
            fields={[
              { name: 'invitationId', label: '', type: 'hidden', defaultValue: i.id },
              { name: 'email', label: '', type: 'hidden', defaultValue: i.email },
            ]}
          />
        </div>
      ) : (
        '—'
      ),
    ],
  }));
  return (
    <section aria-labelledby="invitations-heading">
      <h1 id="invitations-heading" className="mb-2 text-3xl font-bold">
        {t('admin.invitations.heading')}
      </h1>
      <p className="mb-4 max-w-prose text-slate-700">{t('admin.invitations.intro')}</p>
      <p className="mb-6">
        <Link href="/admin/users/invite" className="text-court-700 underline underline-offset-4">
          {t('admin.people.invite')}
        </Link>
      </p>
      <SearchForm
        action="/admin/invitations"
        q={q}
        label={t('admin.list.search')}
        button={t('admin.list.searchButton')}
      />
      <NextIntlClientProvider messages={{ admin: messages.admin }}>
        {rows.length === 0 ? (
          <p>{t('admin.list.noResults')}</p>
        ) : (
          <StackedTable
            head={[
              t('admin.invitations.columns.person'),
              t('admin.invitations.columns.role'),
              t('admin.invitations.columns.status'),
              t('admin.invitations.columns.expires'),
              t('admin.invitations.columns.actions'),
            ]}
            rows={rows}
            testId="invitation-table"
            wrap={[0, 1]}
            keep={[2, 3]}
          />
        )}
      </NextIntlClientProvider>
      <Pagination
        path="/admin/invitations"
        q={q}
        page={result.page}
        pages={result.pages}
        label={t('admin.list.pagination')}
        previous={t('admin.list.previous')}
        next={t('admin.list.next')}
        status={t('admin.list.pageStatus', { page: result.page, pages: result.pages, total: result.total })}
      />
    </section>
  );
}
