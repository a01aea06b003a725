import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getFormatter, getMessages, getTranslations } from 'next-intl/server';
import { AdminForm } from '@/components/admin/admin-form';
import { Pagination, SearchForm } from '@/components/admin/list-controls';
import { pageQuery } from '@/components/admin/page-query';
import { StackedTable } from '@/components/ui/stacked-table';
import { requireRole } from '@/lib/auth/session';
import { searchDepositorOrgs } from '@/lib/depositors/search-depositor-orgs';
import { createDepositorOrgAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.depositors');
  return { title: t('pageTitle') };
}

/** Depositor organisations with their deposit counts; register a new one. */
export default async function DepositorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireRole('admin');
  const { q, page } = await pageQuery(searchParams);
  const result = await searchDepositorOrgs(admin, { q, page });
  const t = await getTranslations('admin');
  const format = await getFormatter();
  const messages = await getMessages();
  const rows = result.items.map((o) => ({
    key: o.id,
    cells: [
      <Link key="n" href={`/admin/depositors/${o.id}`} className="text-court-700 underline underline-offset-4">
        {o.name}
      </Link>,
      <span key="d" data-testid="deposit-count">
        {format.number(o.depositCount)}
      </span>,
      format.number(o.activeApiKeys),
      format.number(o.activeSigningKeys),
      format.number(o.accounts),
    ],
  }));
  return (
    <div className="space-y-10">
      <section aria-labelledby="depositors-heading">
        <h1 id="depositors-heading" className="mb-2 text-3xl font-bold">
          {t('depositors.heading')}
        </h1>
        <p className="mb-6 max-w-prose text-slate-700">{t('depositors.intro')}</p>
        <SearchForm action="/admin/depositors" q={q} label={t('list.search')} button={t('list.searchButton')} />
        {rows.length === 0 ? (
          <p>{t('list.noResults')}</p>
        ) : (
          <StackedTable
            head={[
              t('depositors.columns.name'),
              t('depositors.columns.deposits'),
              t('depositors.columns.apiKeys'),
              t('depositors.columns.signingKeys'),
              t('depositors.columns.accounts'),
            ]}
            rows={rows}
            testId="org-table"
            wrap={[0]}
            keep={[1, 2, 3, 4]}
          />
        )}
        <Pagination
          path="/admin/depositors"
          q={q}
          page={result.page}
          pages={result.pages}
          label={t('list.pagination')}
          previous={t('list.previous')}
          next={t('list.next')}
          status={t('list.pageStatus', { page: result.page, pages: result.pages, total: result.total })}
        />
      </section>
      <section aria-labelledby="create-org-heading" className="max-w-3xl">
        <h2 id="create-org-heading" className="mb-4 text-2xl font-bold">
          {t('depositors.createHeading')}
        </h2>
        <NextIntlClientProvider messages={{ admin: messages.admin }}>
          <AdminForm
            id="create-org"
            testId="create-org-form"
            action={createDepositorOrgAction}
            submitLabel={t('depositors.create')}
            fields={[{ name: 'name', label: t('depositors.name'), hint: t('depositors.nameHint') }]}
          />
        </NextIntlClientProvider>
      </section>
    </div>
  );
}
