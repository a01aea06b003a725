import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { CustodySummary } from '@/components/audit/custody-summary';
import { casePageTitle } from '@/components/cases/page-title';
import { CaseCertificates } from '@/components/certificates/case-certificates';
import { ExchangeDeadlineNotice } from '@/components/exchange/deadline-notice';
import { ExhibitTable } from '@/components/exhibits/exhibit-table';
import { SubmitExhibit } from '@/components/exhibits/submit-exhibit';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { requireUser } from '@/lib/auth/session';
import { allows } from '@/lib/cases/access';
import { forPage } from '@/lib/errors/for-page';
import { evidenceConfig } from '@/lib/evidence/config';
import { listCaseExhibits } from '@/lib/exhibits/list-case-exhibits';

export async function generateMetadata({ params }: { params: Promise<{ caseId: string }> }): Promise<Metadata> {
  return { title: await casePageTitle('case', (await params).caseId) };
}

/**
 * One case: its exhibits with their verdicts, submission for the parties, and the newest entries
 * of the custody log (the whole log: ./custody).
 */
export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { caseId } = await params;
  const user = await requireUser();
  // The exhibits a page at a time (?page=N), and the certificates (?certificates=N); anything
  // else is page 1.
  const query = await searchParams;
  const pageOf = (value: string | string[] | undefined) => {
    const n = Number.parseInt(Array.isArray(value) ? (value[0] ?? '') : (value ?? ''), 10);
    return Number.isInteger(n) && n > 0 ? n : 1;
  };
  const certificatesPage = pageOf(query.certificates);
  const { access, caseInfo, exhibits, total, page, pages, index, canSubmit } = await forPage(
    listCaseExhibits(user, caseId, { page: pageOf(query.page), pageSize: 25 }),
  );
  const here = `/cases/${access.caseId}`;
  const pagesParam = (n: number) => (n > 1 ? String(n) : undefined);
  const t = await getTranslations('exhibits');
  const tc = await getTranslations('cases');
  const tl = await getTranslations('docketSearch');
  const locale = await getLocale();
  return (
    <article className="space-y-10" data-testid="case-page">
      <header className="space-y-2">
        <p className="text-sm text-slate-700">
          {locale.startsWith('zh') ? caseInfo.courtName.zh : caseInfo.courtName.en}
        </p>
        <h1 className="text-3xl font-bold break-words" data-testid="case-number">
          {caseInfo.caseNumber}
        </h1>
        <p className="text-xl">{caseInfo.title}</p>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-slate-800">
          <div className="flex min-w-0 gap-2">
            <dt className="shrink-0 text-slate-600">{tc('causeOfAction')}</dt>
            <dd className="min-w-0">{caseInfo.causeOfAction}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-600">{tc('status')}</dt>
            <dd>{tc(`statuses.${caseInfo.status as 'open' | 'closed'}`)}</dd>
          </div>
        </dl>
        <ExchangeDeadlineNotice actor={user} caseId={access.caseId} />
        {allows(access, 'manage') ? (
          <p className="print:hidden">
            <Link href={`/cases/${access.caseId}/manage`} className="underline">
              {t('manageCase')}
            </Link>
          </p>
        ) : null}
      </header>

      <section aria-labelledby="exhibits-heading" className="space-y-3">
        <h2 id="exhibits-heading" className="text-2xl font-bold">
          {t('heading', { count: total })}
        </h2>
        {exhibits.length > 0 ? <ExhibitTable caseId={access.caseId} exhibits={exhibits} /> : <p>{t('none')}</p>}
        <div className="print:hidden">
          <Pagination
            page={page}
            pages={pages}
            href={(n) => `${pageHref(here, { certificates: pagesParam(certificatesPage) }, n)}#exhibits-heading`}
            labels={{
              nav: tl('exhibitPages.nav'),
              previous: tl('pagination.previous'),
              next: tl('pagination.next'),
              status: tl('exhibitPages.status', { page, pages, total }),
            }}
          />
        </div>
      </section>

      <CaseCertificates
        actor={user}
        caseId={access.caseId}
        exhibits={index}
        page={certificatesPage}
        hrefFor={(n) =>
          `${pageHref(here, { page: pagesParam(page), certificates: pagesParam(n) }, 1)}#case-certificates-heading`
        }
      />

      {canSubmit ? (
        <section aria-labelledby="submit-heading" className="space-y-3">
          <h2 id="submit-heading" className="text-2xl font-bold">
            {t('submit.heading')}
          </h2>
          <p className="max-w-3xl text-slate-800">{t('submit.intro')}</p>
          <NextIntlClientProvider messages={await clientMessages()}>
            <SubmitExhibit caseId={access.caseId} maxBytes={evidenceConfig().maxUploadBytes} />
          </NextIntlClientProvider>
        </section>
      ) : null}

      <CustodySummary actor={user} caseId={access.caseId} />
    </article>
  );
}

/** The client components of the case page use these namespaces (and the verify page's progress texts). */
async function clientMessages() {
  const messages = await getMessages();
  return { exhibits: messages.exhibits, verify: messages.verify };
}
