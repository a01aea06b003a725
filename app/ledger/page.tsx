import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/page-shell';
import { DepositList } from '@/components/ledger/deposit-list';
import { LedgerAlarm } from '@/components/ledger/ledger-alarm';
import { LedgerSearch } from '@/components/ledger/ledger-search';
import { LedgerSignatures } from '@/components/ledger/ledger-signatures';
import { RememberedLedgerCheck } from '@/components/ledger/remembered-ledger-check';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { formatCourtTime } from '@/components/verify/format';
import { getCurrentUser } from '@/lib/auth/session';
import { getLedgerOverview } from '@/lib/public-ledger/get-ledger-overview';
import { listRecentDeposits, RECENT_PAGE_SIZE, ZRecentDepositsQuery } from '@/lib/public-ledger/list-recent-deposits';
import { searchLedger } from '@/lib/public-ledger/search-ledger';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('ledgerPage');
  return { title: t('pageTitle') };
}

type Params = { page?: string | string[]; q?: string | string[] };

/**
 * The public ledger page (no sign-in, issue #18): the evidence ledger in plain words — records, the
 * signed state this page checks in the browser against the pinned log key and witness policy, who
 * witnessed it and when, a witness's alarm, the newest deposits a page at a time, and a search.
 */
export default async function LedgerPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const q = typeof params.q === 'string' ? params.q : undefined;
  // A page number that is not one shows page 1 (a hand-edited address is not an error worth a page).
  const parsedPage = ZRecentDepositsQuery.safeParse({ page: typeof params.page === 'string' ? params.page : 1 });
  const page = parsedPage.success ? parsedPage.data.page : 1;
  const [t, locale, messages, user, overview, recent, search] = await Promise.all([
    getTranslations('ledgerPage'),
    getLocale(),
    getMessages(),
    getCurrentUser(),
    getLedgerOverview(),
    listRecentDeposits({ page }),
    q === undefined ? Promise.resolve(undefined) : searchLedger({ q }),
  ]);
  const { checkpoint, witnesses, quorum } = overview;
  const by = witnesses.filter((w) => w.cosignedAt !== null).length;
  return (
    <PageShell user={user}>
      <h1 className="mb-3 text-3xl font-bold">{t('heading')}</h1>
      <p className="mb-8 max-w-prose text-lg text-slate-700">{t('intro')}</p>

      {overview.alarms.total > 0 ? <LedgerAlarm total={overview.alarms.total} alarms={overview.alarms.newest} /> : null}

      <section aria-labelledby="ledger-summary" className="mb-10" data-testid="ledger-summary">
        <h2 id="ledger-summary" className="mb-3 text-2xl font-bold">
          {t('summary.heading')}
        </h2>
        <p className="text-2xl font-semibold" data-testid="ledger-records" data-records={overview.records}>
          {overview.records === 0 ? t('summary.empty') : t('summary.records', { count: overview.records })}
        </p>
        {checkpoint ? (
          <>
            <p className="mt-2 max-w-prose">
              {t('summary.shown', {
                size: checkpoint.treeSize,
                time: formatCourtTime(checkpoint.signedAt, locale),
              })}
            </p>
            {overview.records > checkpoint.treeSize ? (
              <p className="mt-1 max-w-prose text-slate-700">
                {t('summary.newer', { count: overview.records - checkpoint.treeSize })}
              </p>
            ) : null}
            <p className="mt-3 text-lg font-semibold" data-testid="ledger-witnessed">
              {witnesses.length === 0
                ? t('summary.noWitnesses')
                : checkpoint.witnessed
                  ? t('summary.witnessed', { by, of: witnesses.length })
                  : t('summary.notWitnessed', { quorum, by })}
            </p>
            <div className="mt-4">
              {witnesses.length > 0 ? (
                <>
                  <h3 className="text-xl font-bold">{t('witnesses.heading')}</h3>
                  <p className="mt-1 mb-3 max-w-prose text-slate-700">
                    {t('witnesses.intro', { count: witnesses.length, quorum })}
                  </p>
                </>
              ) : null}
              <NextIntlClientProvider messages={{ ledgerPage: messages.ledgerPage }}>
                <LedgerSignatures
                  note={checkpoint.note}
                  treeSize={checkpoint.treeSize}
                  logKey={overview.logKey}
                  quorum={quorum}
                  witnesses={witnesses}
                />
              </NextIntlClientProvider>
              <RememberedLedgerCheck verifierKey={overview.logKey} />
              <noscript>
                <p className="mt-2 max-w-prose font-semibold">{t('check.noScript')}</p>
              </noscript>
            </div>
            <details className="mt-4 max-w-prose text-slate-700" data-testid="ledger-technical">
              <summary className="cursor-pointer text-court-700 underline underline-offset-4">
                {t('technical.summary')}
              </summary>
              <p className="mt-2">{t('technical.logKey')}</p>
              <code className="block font-mono text-sm break-all" translate="no" data-testid="pinned-log-key">
                {overview.logKey}
              </code>
              {witnesses.map((w) => (
                <div key={w.verifierKey}>
                  <p className="mt-2 break-words">
                    {t('technical.witnessKey', { name: locale.startsWith('en') && w.nameEn ? w.nameEn : w.name })}
                  </p>
                  <code className="block font-mono text-sm break-all" translate="no">
                    {w.verifierKey}
                  </code>
                </div>
              ))}
              <p className="mt-2">{t('technical.note')}</p>
              <pre
                className="mt-1 overflow-x-auto bg-slate-50 p-2 text-sm whitespace-pre-wrap break-all"
                translate="no"
              >
                {checkpoint.note}
              </pre>
            </details>
          </>
        ) : null}
      </section>

      <LedgerSearch q={q} result={search} total={overview.records} />

      <section aria-labelledby="ledger-deposits" data-testid="ledger-recent">
        <h2 id="ledger-deposits" className="mb-2 text-2xl font-bold">
          {t('deposits.heading')}
        </h2>
        <p className="mb-4 max-w-prose text-slate-700">{t('deposits.intro', { count: RECENT_PAGE_SIZE })}</p>
        {recent.total === 0 ? (
          <p>{t('deposits.none')}</p>
        ) : recent.deposits.length === 0 ? (
          <p>
            {t('deposits.pastEnd', { pages: recent.pages })}{' '}
            <Link href="/ledger" className="text-court-700 underline underline-offset-4">
              {t('deposits.firstPage')}
            </Link>
          </p>
        ) : (
          <DepositList deposits={recent.deposits} total={recent.total} testId="ledger-recent-list" />
        )}
        <Pagination
          page={Math.min(recent.page, recent.pages)}
          pages={recent.pages}
          href={(n) => `${pageHref('/ledger', { q }, n)}#ledger-deposits`}
          labels={{
            nav: t('deposits.pagination.nav'),
            previous: t('deposits.pagination.previous'),
            next: t('deposits.pagination.next'),
            status: t('deposits.pagination.status', { page: Math.min(recent.page, recent.pages), pages: recent.pages }),
          }}
        />
      </section>
    </PageShell>
  );
}
