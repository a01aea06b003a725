import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CaseTable } from '@/components/cases/case-table';
import { DocketSearchForm, type DocketSearchValues } from '@/components/cases/docket-search-form';
import { LatestNotifications } from '@/components/notifications/latest-notifications';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { UserTable } from '@/components/users/user-table';
import { listAccounts } from '@/lib/accounts/list-accounts';
import type { Actor } from '@/lib/auth/actor';
import { requireUser } from '@/lib/auth/session';
import { getCourtName } from '@/lib/cases/get-court-name';
import { searchCases } from '@/lib/cases/search-cases';
import { firstSearchValues, ZCaseSearch } from '@/lib/cases/search-cases.schema';
import { ownDepositorOrg } from '@/lib/depositors/own-depositor-org';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('home');
  return { title: t('pageTitle') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Each role lands on what it works with: parties and judges their cases, clerks the docket (both
 * searched and paged: ?number=&party=&status=&page=), admins accounts, depositors the way to
 * deposit files.
 */
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const t = await getTranslations('home');

  if (user.role === 'admin') {
    // The first page of the accounts; the People page searches and pages them all.
    const accounts = await listAccounts(user, {});
    const ts = await getTranslations('docketSearch.admin');
    return (
      <section aria-labelledby="home-heading" data-home-role="admin">
        <Greeting name={user.name} />
        <h2 id="home-heading" className="text-2xl font-bold">
          {t('admin.heading')}
        </h2>
        <p className="mb-6 text-slate-700">{t('admin.intro')}</p>
        <p className="mb-3 text-slate-700" data-testid="home-accounts-count">
          {ts('shown', { shown: accounts.items.length, total: accounts.total })}
        </p>
        <UserTable users={accounts.items} />
        <p className="mt-4">
          <Link href="/admin/users" className="font-semibold text-court-700 underline underline-offset-4">
            {ts('all', { total: accounts.total })}
          </Link>
        </p>
      </section>
    );
  }

  if (user.role === 'depositor') {
    const org = await ownDepositorOrg(user);
    return (
      <section aria-labelledby="home-heading" data-home-role="depositor">
        <Greeting name={user.name} />
        <h2 id="home-heading" className="text-2xl font-bold">
          {t('depositor.heading')}
        </h2>
        <p className="mb-6 max-w-prose text-slate-700">{t('depositor.intro', { org: org?.name ?? '' })}</p>
        <p className="flex flex-wrap items-center gap-x-6 gap-y-3">
          <Link
            href="/deposit"
            className="inline-block bg-court-700 px-5 py-2.5 font-semibold text-white no-underline shadow-[0_2px_0_#0b2545] hover:bg-court-800"
          >
            {t('depositor.action')}
          </Link>
          <Link href="/verify" className="text-court-700 underline underline-offset-4 hover:no-underline">
            {t('depositor.verify')}
          </Link>
        </p>
      </section>
    );
  }

  const courtName = user.role === 'clerk' ? await getCourtName(user) : '';
  return (
    <section aria-labelledby="home-heading" data-home-role={user.role}>
      <Greeting name={user.name} />
      <LatestNotifications user={user} />
      <h2 id="home-heading" className="text-2xl font-bold">
        {t(`${user.role}.heading`)}
      </h2>
      <p className="mb-6 text-slate-700">{t(`${user.role}.intro`, { court: courtName })}</p>
      {user.role === 'clerk' ? <NewCaseButton /> : null}
      <Docket user={user} searchParams={searchParams} />
    </section>
  );
}

const SEARCH_FIELDS = ['number', 'party', 'status'] as const;

/** The cases this person may see: search by number, party and status, 25 a page. */
async function Docket({ user, searchParams }: { user: Actor; searchParams: SearchParams }) {
  const raw = firstSearchValues(await searchParams);
  const values: DocketSearchValues = { number: raw.number ?? '', party: raw.party ?? '', status: raw.status ?? '' };
  const t = await getTranslations('docketSearch');
  const parsed = ZCaseSearch.safeParse(raw);
  const errors: Partial<Record<keyof DocketSearchValues | 'page', string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'number' || field === 'party' || field === 'status' || field === 'page') {
        errors[field] ??= t(`errors.${field}`);
      }
    }
  }
  const result = parsed.success ? await searchCases(user, raw) : null;
  const searched = SEARCH_FIELDS.some((f) => values[f] !== '');
  return (
    <>
      {Object.keys(errors).length > 0 ? (
        <div className="mb-6">
          <ErrorSummary
            id="docket-errors"
            title={t('errors.title')}
            testId="docket-error-summary"
            items={Object.entries(errors).map(([field, message]) => ({
              message: message ?? '',
              href: field === 'page' ? undefined : `#docket-${field}`,
            }))}
          />
        </div>
      ) : null}
      <DocketSearchForm action="/home" values={values} errors={errors} />
      {result ? (
        <>
          <p className="mb-3 font-semibold text-slate-800" data-testid="docket-count" aria-live="polite">
            {searched ? t('result.filtered', { total: result.total }) : t('result.all', { total: result.total })}
          </p>
          {result.items.length > 0 ? (
            <CaseTable cases={result.items} />
          ) : (
            <p data-testid="docket-none">{searched ? t('result.none') : (await getTranslations('home'))('noCases')}</p>
          )}
          <div className="print:hidden">
            <Pagination
              page={result.page}
              pages={result.pages}
              href={(n) => pageHref('/home', { ...values }, n)}
              labels={{
                nav: t('pagination.nav'),
                previous: t('pagination.previous'),
                next: t('pagination.next'),
                status: t('pagination.status', { page: result.page, pages: result.pages }),
              }}
            />
          </div>
        </>
      ) : null}
    </>
  );
}

async function NewCaseButton() {
  const t = await getTranslations('docket.new');
  return (
    <p className="mb-6">
      <Link
        href="/cases/new"
        className="inline-block bg-court-700 px-5 py-2.5 font-semibold text-white no-underline shadow-[0_2px_0_#0b2545] hover:bg-court-800"
      >
        {t('button')}
      </Link>
    </p>
  );
}

async function Greeting({ name }: { name: string }) {
  const t = await getTranslations('home');
  return <h1 className="mb-6 text-3xl font-bold">{t('greeting', { name })}</h1>;
}
