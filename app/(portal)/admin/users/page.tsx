import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Pagination, SearchForm } from '@/components/admin/list-controls';
import { pageQuery } from '@/components/admin/page-query';
import { StackedTable } from '@/components/ui/stacked-table';
import { listAccounts } from '@/lib/accounts/list-accounts';
import { requireRole } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.people');
  return { title: t('pageTitle') };
}

/** Everyone this admin manages: search, a page at a time; each name opens the person's page. */
export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireRole('admin');
  const { q, page } = await pageQuery(searchParams);
  const result = await listAccounts(admin, { q, page });
  const t = await getTranslations();
  const format = await getFormatter();
  const rows = result.items.map((u) => ({
    key: u.id,
    cells: [
      <Link key="n" href={`/admin/users/${u.id}`} className="text-court-700 underline underline-offset-4">
        {u.name}
      </Link>,
      <span key="e" className="font-mono text-[0.95em]">
        {u.email}
      </span>,
      u.depositorOrgName ? (
        <span key="r">
          {t(`roles.${u.role}`)}
          <span className="block text-sm text-slate-600">{u.depositorOrgName}</span>
        </span>
      ) : (
        t(`roles.${u.role}`)
      ),
      u.disabled ? t('admin.people.disabled') : t('admin.people.active'),
      format.dateTime(u.createdAt, { dateStyle: 'medium' }),
    ],
  }));
  return (
    <section aria-labelledby="users-heading">
      <h1 id="users-heading" className="mb-2 text-3xl font-bold">
        {t('admin.people.heading')}
      </h1>
      <p className="mb-4 max-w-prose text-slate-700">{t('admin.people.intro')}</p>
      <p className="mb-6">
        <Link
          href="/admin/users/invite"
          className="inline-block bg-court-700 px-5 py-2.5 font-semibold text-white no-underline shadow-[0_2px_0_#0b2545] hover:bg-court-800"
        >
          {t('admin.people.invite')}
        </Link>
      </p>
      <SearchForm
        action="/admin/users"
        q={q}
        label={t('admin.list.search')}
        hint={t('admin.people.searchHint')}
        button={t('admin.list.searchButton')}
      />
      {rows.length === 0 ? (
        <p data-testid="no-results">{t('admin.list.noResults')}</p>
      ) : (
        <StackedTable
          head={[
            t('admin.people.columns.name'),
            t('admin.people.columns.email'),
            t('admin.people.columns.role'),
            t('admin.people.columns.status'),
            t('admin.people.columns.created'),
          ]}
          rows={rows}
          testId="user-table"
          wrap={[0, 1, 2]}
          keep={[3, 4]}
        />
      )}
      <Pagination
        path="/admin/users"
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
