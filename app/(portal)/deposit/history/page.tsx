import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { type HistoryFilterName, HistoryFilters } from '@/components/deposit/history-filters';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { StackedTable } from '@/components/ui/stacked-table';
import { formatCourtTime } from '@/components/verify/format';
import { requireRole } from '@/lib/auth/session';
import { RANGE_MESSAGE } from '@/lib/depositors/deposit-history.schema';
import { type DepositHistoryPage, listDepositHistory } from '@/lib/depositors/list-deposit-history';
import { ownDepositorOrg } from '@/lib/depositors/own-depositor-org';
import { isAppError } from '@/lib/errors/app-error';
import { groupDigest } from '@/lib/hashing/format';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('depositHistory');
  return { title: t('pageTitle') };
}

const PATH = '/deposit/history';
const FILTERS: HistoryFilterName[] = ['q', 'digest', 'from', 'to'];
const link = 'text-court-700 underline underline-offset-4 hover:no-underline';

/**
 * A depositor organisation's deposits (listDepositHistory checks the account and scopes the query
 * to its organisation): search by title, digest and Beijing days, 25 a page, each with its
 * receipt, deposit certificate and the public check.
 */
export default async function DepositHistory({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole('depositor');
  const org = await ownDepositorOrg(user);
  if (!org) forbidden();
  const t = await getTranslations('depositHistory');
  const locale = await getLocale();
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? '').slice(0, 1000);
  const values = Object.fromEntries(FILTERS.map((name) => [name, one(params[name])])) as Record<
    HistoryFilterName,
    string
  >;

  let result: DepositHistoryPage | null = null;
  const errors: Partial<Record<HistoryFilterName, string>> = {};
  try {
    result = await listDepositHistory(user, { ...values, page: one(params.page) || '1' });
  } catch (error) {
    if (!isAppError(error, 'VALIDATION_FAILED')) throw error;
    const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
    for (const issue of issues) {
      const name = issue.path as HistoryFilterName;
      if (!FILTERS.includes(name) || errors[name]) continue;
      errors[name] = issue.message === RANGE_MESSAGE ? t('errors.range') : t(`errors.${name}`);
    }
  }
  const filtered = FILTERS.some((name) => values[name] !== '');

  return (
    <section aria-labelledby="history-heading">
      <h1 id="history-heading" className="mb-3 text-3xl font-bold">
        {t('heading')}
      </h1>
      <p className="mb-4 max-w-prose text-lg text-slate-700">{t('intro', { org: org.name })}</p>
      <p className="mb-6">
        <Link href="/deposit" className={link}>
          {t('backToDeposit')}
        </Link>
      </p>
      <div className="mb-6 empty:hidden">
        <ErrorSummary
          id="history-error-summary"
          title={t('errors.summary')}
          items={FILTERS.flatMap((name) => (errors[name] ? [{ message: errors[name], href: `#history-${name}` }] : []))}
          testId="history-errors"
        />
      </div>
      <HistoryFilters
        action={PATH}
        values={values}
        errors={errors}
        words={{
          legend: t('filters.legend'),
          q: t('filters.q'),
          qHint: t('filters.qHint'),
          digest: t('filters.digest'),
          digestHint: t('filters.digestHint'),
          from: t('filters.from'),
          to: t('filters.to'),
          dateHint: t('filters.dateHint'),
          submit: t('filters.submit'),
          clear: t('filters.clear'),
        }}
      />
      {result ? <Results result={result} filtered={filtered} values={values} locale={locale} /> : null}
    </section>
  );
}

async function Results({
  result,
  filtered,
  values,
  locale,
}: {
  result: DepositHistoryPage;
  filtered: boolean;
  values: Record<HistoryFilterName, string>;
  locale: string;
}) {
  const t = await getTranslations('depositHistory');
  const rows = result.items.map((item) => {
    const name = item.title ?? t('untitled');
    const sr = (what: string) => <span key={what} className="sr-only">{` — ${name}`}</span>;
    return {
      key: item.id,
      cells: [
        <span key="title" className="block">
          <span className={item.title ? 'font-semibold' : 'text-slate-600'} data-testid="history-title">
            {name}
          </span>
          <span
            className="mt-1 block font-mono text-sm break-all text-slate-700"
            translate="no"
            data-testid="history-id"
          >
            {t('depositId', { id: item.id })}
          </span>
        </span>,
        <span key="time">{t('courtTime', { time: formatCourtTime(item.depositedAt, locale) })}</span>,
        <span key="digests" className="block space-y-1 font-mono text-sm" translate="no">
          {item.sha256 ? <span className="block break-words">SHA-256 {groupDigest(item.sha256)}</span> : null}
          {item.sm3 ? <span className="block break-words">SM3 {groupDigest(item.sm3)}</span> : null}
        </span>,
        <span key="record" className="whitespace-nowrap" data-testid="history-record">
          {item.leafIndex === null
            ? t('recording')
            : t('record', { n: item.leafIndex + 1, m: Math.max(result.treeSize, item.leafIndex + 1) })}
        </span>,
        <span key="actions" className="flex flex-col gap-1 md:whitespace-nowrap">
          <a href={`/deposit/receipt/${item.id}`} download className={link} data-testid="history-receipt">
            {t('actions.receipt')}
            {sr('receipt')}
          </a>
          {/* A certificate needs the deposit's proof: none while it is being recorded (seconds). */}
          {item.leafIndex === null ? null : (
            <a href={`/deposit/certificate?id=${item.id}`} download className={link} data-testid="history-certificate">
              {t('actions.certificate')}
              {sr('certificate')}
            </a>
          )}
          <Link href={`/verify?deposit=${item.id}`} className={link}>
            {t('actions.check')}
            {sr('check')}
          </Link>
        </span>,
      ],
    };
  });
  const recorded = result.items.filter((i) => i.leafIndex !== null);
  const certificateAll = `/deposit/certificate?${new URLSearchParams(recorded.map((i) => ['id', i.id])).toString()}`;
  return (
    <section aria-labelledby="history-results" data-testid="history-results">
      <h2 id="history-results" className="mb-1 text-2xl font-bold">
        {t('results.heading')}
      </h2>
      <p className="mb-4 text-slate-700" role="status" data-testid="history-count">
        {t('results.count', { total: result.total })}
      </p>
      {rows.length === 0 ? (
        <p data-testid="history-empty">{filtered ? t('results.none') : t('results.noneYet')}</p>
      ) : (
        <>
          <StackedTable
            head={[
              t('columns.title'),
              t('columns.depositedAt'),
              t('columns.digests'),
              t('columns.record'),
              t('columns.actions'),
            ]}
            rows={rows}
            testId="history-table"
            wrap={[0, 2]}
            keep={[1, 3]}
          />
          {recorded.length > 1 ? (
            <p className="mt-4">
              <a href={certificateAll} download className={link} data-testid="history-certificate-page">
                {t('certificatePage')}
              </a>
            </p>
          ) : null}
        </>
      )}
      <Pagination
        page={result.page}
        pages={result.pages}
        href={(n) => pageHref(PATH, values, n)}
        labels={{
          nav: t('pagination.nav'),
          previous: t('pagination.previous'),
          next: t('pagination.next'),
          status: t('pagination.status', { page: result.page, pages: result.pages }),
        }}
      />
    </section>
  );
}
