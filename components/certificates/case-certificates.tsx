import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getFormatter, getMessages, getTranslations } from 'next-intl/server';
import { VerdictBadge } from '@/components/exhibits/verdict-badge';
import { Pagination } from '@/components/ui/pagination';
import { StackedTable } from '@/components/ui/stacked-table';
import type { Actor } from '@/lib/auth/actor';
import { listCaseCertificates } from '@/lib/certificates/list-case-certificates';
import { CertificateLinks } from './certificate-links';
import { CertificateStatus } from './certificate-status';
import { IssueAllCertificatesForm } from './issue-all-certificates-form';

/** Certificates on one page of the case page's list. */
export const CERTIFICATES_PAGE_SIZE = 20;

/**
 * The case page's certificate section, for everyone who may view the case: the certificates
 * (number, exhibit, verdict, issued when and by whom, standing with a revocation's reason, PDF),
 * 20 a page (`?certificates=N`, other parameters kept by `hrefFor`), and the whole set as a ZIP;
 * for the court's clerks, issuing for all exhibits at once.
 */
export async function CaseCertificates({
  actor,
  caseId,
  exhibits,
  page: asked,
  hrefFor,
}: {
  actor: Actor;
  caseId: string;
  exhibits: Array<{ id: string; number: number; title: string }>;
  page: number;
  /** The case page's address showing certificate page `n`. */
  hrefFor: (n: number) => string;
}) {
  const { certificates, canCertify, total, valid, page, pages } = await listCaseCertificates(actor, caseId, {
    page: asked,
    pageSize: CERTIFICATES_PAGE_SIZE,
  });
  const t = await getTranslations('certificates');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const messages = await getMessages();
  const head = [
    t('table.number'),
    t('table.exhibit'),
    t('table.verdict'),
    t('table.issued'),
    t('table.status'),
    t('table.pdf'),
  ];
  const rows = certificates.map((c) => ({
    key: c.id,
    cells: [
      <span
        key="n"
        className="font-mono font-semibold whitespace-nowrap"
        data-testid="certificate-number"
        data-certificate-id={c.id}
        data-state={c.state}
      >
        {c.number}
      </span>,
      <Link key="e" href={`/cases/${caseId}/exhibits/${c.exhibit.id}`} className="underline">
        {t('exhibitLabel', { number: c.exhibit.number, title: c.exhibit.title })}
      </Link>,
      <VerdictBadge key="v" verdict={c.verdict} />,
      <span key="i">{t('issuedBy', { time: when(c.issuedAt), name: c.issuedBy })}</span>,
      <span key="s" className="space-y-1">
        <CertificateStatus state={c.state} label={t(`status.${c.state}`)} />
        {c.revocation ? (
          <span className="block text-sm text-red-900" data-testid="certificate-revocation">
            {t('revokedBecause', { time: when(c.revocation.at), name: c.revocation.by, reason: c.revocation.reason })}
          </span>
        ) : null}
      </span>,
      <CertificateLinks
        key="p"
        id={c.id}
        number={c.number}
        pdfLabel={t('downloadPdf')}
        publicLabel={t('publicPage')}
      />,
    ],
  }));
  return (
    <section aria-labelledby="case-certificates-heading" className="space-y-3" data-testid="case-certificates">
      <h2 id="case-certificates-heading" className="text-2xl font-bold">
        {t('heading')}
      </h2>
      <p className="max-w-3xl text-slate-800">{t('intro')}</p>
      {certificates.length > 0 ? (
        <StackedTable head={head} rows={rows} testId="case-certificate-table" wrap={[1, 3, 4]} />
      ) : (
        <p>{t('none')}</p>
      )}
      <div className="print:hidden">
        <Pagination
          page={page}
          pages={pages}
          href={hrefFor}
          labels={{
            nav: t('pages.nav'),
            previous: t('pages.previous'),
            next: t('pages.next'),
            status: t('pages.status', { page, pages, total }),
          }}
        />
      </div>
      {valid > 0 ? (
        <p className="space-y-1">
          <a
            href={`/api/v1/cases/${caseId}/certificates.zip`}
            className="font-semibold underline"
            data-testid="download-certificates-zip"
            download
          >
            {t('downloadAll')}
          </a>
          <span className="block text-sm text-slate-700">{t('downloadAllHint')}</span>
        </p>
      ) : null}
      {canCertify ? (
        <NextIntlClientProvider messages={{ certificates: messages.certificates }}>
          <IssueAllCertificatesForm
            caseId={caseId}
            exhibits={exhibits.map((e) => ({ id: e.id, number: e.number, title: e.title }))}
          />
        </NextIntlClientProvider>
      ) : null}
    </section>
  );
}
