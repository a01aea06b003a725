import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CustodyFilterForm, type CustodyFilterValues } from '@/components/audit/custody-filter-form';
import { CustodyLogTable } from '@/components/audit/custody-log';
import { casePageTitle } from '@/components/cases/page-title';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { firstValues, isCalendarDay, ZCaseEventsQuery } from '@/lib/audit/case-events-query.schema';
import { listCustodyPeople } from '@/lib/audit/list-custody-people';
import { searchCaseEvents } from '@/lib/audit/search-case-events';
import { requireUser } from '@/lib/auth/session';
import { pageTitleFacts } from '@/lib/cases/page-title-facts';
import { forPage } from '@/lib/errors/for-page';

type Params = Promise<{ caseId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await casePageTitle('custody', (await params).caseId) };
}

const FIELDS = ['kind', 'person', 'from', 'to'] as const;

/**
 * A case's custody log on a page of its own: filters (kind of event, who, Beijing-time dates) in
 * the query string, 25 entries a page, newest first. Who may see it: whoever may see the case.
 */
export default async function CustodyPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { caseId } = await params;
  const user = await requireUser();
  // Access first: an outsider gets the 404 page whatever the filters say.
  const { people, portal } = await forPage(listCustodyPeople(user, caseId));
  const raw = firstValues(await searchParams);
  const values: CustodyFilterValues = {
    kind: raw.kind ?? '',
    person: raw.person ?? '',
    from: raw.from ?? '',
    to: raw.to ?? '',
  };
  const t = await getTranslations('custody');
  const ta = await getTranslations('audit');

  const parsed = ZCaseEventsQuery.safeParse(raw);
  const errors: Partial<Record<keyof CustodyFilterValues | 'page', string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      // Two well-formed dates the wrong way round; a malformed one is a format error.
      if (field === 'to' && isCalendarDay(values.to) && isCalendarDay(values.from)) errors.to = t('errors.order');
      else if (field === 'kind' || field === 'person' || field === 'from' || field === 'to' || field === 'page') {
        errors[field] ??= t(`errors.${field}`);
      }
    }
  }
  const result = parsed.success ? await forPage(searchCaseEvents(user, caseId, raw)) : null;
  const caseNumber = (await pageTitleFacts(user, caseId))?.caseNumber ?? '';
  const path = `/cases/${caseId}/custody`;
  const filtered = FIELDS.some((f) => values[f] !== '');
  const personName =
    values.person === 'portal' ? t('filter.portal') : (people.find((p) => p.id === values.person)?.name ?? '');

  return (
    <article className="space-y-6" data-testid="custody-page">
      <p className="print:hidden">
        <Link href={`/cases/${caseId}`} className="underline">
          {t('backToCase', { number: caseNumber })}
        </Link>
      </p>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t('heading')}</h1>
        <p className="text-xl font-semibold break-words" data-testid="case-number">
          {caseNumber}
        </p>
        <p className="max-w-3xl text-slate-800">{t('intro')}</p>
        <p className="max-w-3xl text-sm text-slate-700">{ta('note')}</p>
      </header>

      {Object.keys(errors).length > 0 ? (
        <ErrorSummary
          id="custody-errors"
          title={t('errors.title')}
          testId="custody-error-summary"
          items={Object.entries(errors).map(([field, message]) => ({
            message: message ?? '',
            href: field === 'page' ? undefined : `#custody-${field}`,
          }))}
        />
      ) : null}

      <CustodyFilterForm
        action={path}
        values={values}
        errors={{ kind: errors.kind, person: errors.person, from: errors.from, to: errors.to }}
        people={people}
        portal={portal}
      />

      {result ? (
        <section aria-labelledby="custody-results-heading" className="space-y-3">
          <h2 id="custody-results-heading" className="text-2xl font-bold" data-testid="custody-count">
            {filtered ? t('result.filtered', { total: result.total }) : t('result.all', { total: result.total })}
          </h2>
          {filtered ? (
            <p className="hidden print:block" data-testid="custody-filter-words">
              {t('result.printedFilter', {
                kind: values.kind ? t(`filter.kinds.${values.kind as 'case'}`) : t('filter.anyKind'),
                person: personName || t('filter.anyPerson'),
                from: values.from || '—',
                to: values.to || '—',
              })}
            </p>
          ) : null}
          {result.pages > 1 ? (
            <p className="text-slate-700" data-testid="custody-page-status">
              {t('result.page', { page: result.page, pages: result.pages })}
            </p>
          ) : null}
          <CustodyLogTable events={result.items} empty={filtered ? t('result.none') : undefined} />
          <div className="print:hidden">
            <Pagination
              page={result.page}
              pages={result.pages}
              href={(n) => pageHref(path, { ...values }, n)}
              labels={{
                nav: t('pagination.nav'),
                previous: t('pagination.previous'),
                next: t('pagination.next'),
                status: t('pagination.status', { page: result.page, pages: result.pages }),
              }}
            />
          </div>
        </section>
      ) : null}
    </article>
  );
}
