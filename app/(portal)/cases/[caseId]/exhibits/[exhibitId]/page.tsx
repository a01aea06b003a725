import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { getFormatter, getLocale, getMessages, getTranslations } from 'next-intl/server';
import { CustodyConfirmation } from '@/components/audit/custody-confirmation';
import { casePageTitle } from '@/components/cases/page-title';
import { ExhibitCertificates } from '@/components/certificates/exhibit-certificates';
import { ExchangeSection } from '@/components/exchange/exchange-section';
import { ProofCheck, ReverifyInBrowser } from '@/components/exhibits/browser-check';
import { DeterminationForm } from '@/components/exhibits/determination-form';
import { ScopePanel } from '@/components/exhibits/scope-panel';
import { VerdictBadge } from '@/components/exhibits/verdict-badge';
import { Pagination } from '@/components/ui/pagination';
import { StackedTable } from '@/components/ui/stacked-table';
import { checkCustodyRequest } from '@/lib/auth/check-custody-request';
import { requireUser } from '@/lib/auth/session';
import { requireExhibitAccess } from '@/lib/cases/access';
import { forPage } from '@/lib/errors/for-page';
import { getExhibitExchange } from '@/lib/exchange/get-exhibit-exchange';
import { getExhibit } from '@/lib/exhibits/get-exhibit';
import { latestCheckpoint } from '@/lib/ledger/latest-checkpoint';
import { logSigner } from '@/lib/ledger/log-signer';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ caseId: string; exhibitId: string }>;
}): Promise<Metadata> {
  const { caseId, exhibitId } = await params;
  return { title: await casePageTitle('exhibit', caseId, exhibitId) };
}

/** One exhibit and the evidence for its verdict. */
export default async function ExhibitPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string; exhibitId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { caseId, exhibitId } = await params;
  const user = await requireUser();
  const query = await searchParams;
  // Viewing is a custody event in this person's name: not on another site's say-so.
  const check = checkCustodyRequest({
    headers: await headers(),
    url: `/cases/${encodeURIComponent(caseId)}/exhibits/${encodeURIComponent(exhibitId)}?${queryString(query)}`,
    personId: user.id,
  });
  if (!check.own) {
    // The button only for the people of the case, at the exhibit's own address: anyone else gets
    // the 404 as before (as the download routes do).
    const access = await forPage(requireExhibitAccess(user, exhibitId, 'view'));
    if (access.caseId !== caseId) notFound();
    return <CustodyConfirmation href={check.confirmHref} site={check.site} action="exhibitPage" />;
  }
  // The verification history 10 a page, newest first (?history=N; anything else is page 1).
  const asked = query.history;
  const wanted = Number.parseInt(Array.isArray(asked) ? (asked[0] ?? '') : (asked ?? ''), 10);
  const exhibit = await forPage(
    getExhibit(user, exhibitId, { caseId, historyPage: Number.isInteger(wanted) && wanted > 0 ? wanted : 1 }),
  );
  const exchange = await forPage(getExhibitExchange(user, exhibitId));
  const [t, tx, tf] = await Promise.all([
    getTranslations('exhibits'),
    getTranslations('exchange'),
    getTranslations('exhibitFacts'),
  ]);
  const format = await getFormatter();
  const signer = logSigner();
  const recorded = exhibit.deposit?.recorded ?? {};
  const when = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: 'medium', timeStyle: 'medium' });

  const tg = await getTranslations('glossary');
  // "链上序号 N（共 M 条）": M is what the ledger holds now (its newest signed state).
  const sealedAt = exhibit.deposit?.leafIndex ?? null;
  const ledgerSize = sealedAt === null ? null : Math.max(Number((await latestCheckpoint()).treeSize), sealedAt + 1);

  const all = await getMessages();
  const messages = {
    exhibits: all.exhibits,
    verify: all.verify,
    exchange: all.exchange,
    glossary: all.glossary,
    vouched: all.vouched,
    anchors: all.anchors,
  };
  const tw = await getTranslations('vouched');
  const locale = await getLocale();
  const english = locale.startsWith('en');
  /** Institutions as this language reads them (示范公证处、示范司法鉴定中心). */
  const vouchers = (by: readonly { name: string; nameEn?: string }[]) =>
    by.map((v) => (english ? (v.nameEn ?? v.name) : v.name)).join(english ? ', ' : '、');
  return (
    <NextIntlClientProvider messages={messages}>
      <article className="space-y-8" data-testid="exhibit-page" data-verdict={exhibit.verdict}>
        <p>
          <Link href={`/cases/${caseId}`} className="underline">
            {t('backToCase', { caseNumber: exhibit.access.caseNumber })}
          </Link>
        </p>
        <header className="space-y-2">
          <p className="text-slate-700">{t('numberLabel', { number: exhibit.number })}</p>
          <h1 className="text-3xl font-bold break-words">{exhibit.title}</h1>
          <p className="text-slate-800">
            {t('submittedBy', {
              name: exhibit.submitter,
              party: t(`party.${exhibit.partyRole}`),
              time: when(exhibit.submittedAt),
            })}
          </p>
          <div className="flex flex-wrap items-center gap-3 text-lg" data-testid="exhibit-verdict">
            <VerdictBadge verdict={exhibit.verdict} />
            <span className="text-slate-700">
              {exhibit.kind === 'hash_only' ? t('verdictBasis.party') : t('verdictBasis.server')}
            </span>
          </div>
          {exhibit.standingWitnessing ? (
            <p
              className="max-w-prose break-words text-slate-800"
              data-testid="exhibit-witnessing"
              data-witnessed={String(exhibit.standingWitnessing.witnessed)}
            >
              {exhibit.standingWitnessing.witnessed
                ? tw('recorded', {
                    size: exhibit.standingWitnessing.checkpointSize,
                    count: exhibit.standingWitnessing.by.length,
                    of: exhibit.standingWitnessing.of,
                    names: vouchers(exhibit.standingWitnessing.by),
                  })
                : tw('recordedNot', { size: exhibit.standingWitnessing.checkpointSize })}
            </p>
          ) : null}
          {exchange.opinions.length > 0 ? (
            <p>
              <a href="#exchange-heading" className="underline" data-testid="exchange-link">
                {tx('headerLink', {
                  count: exchange.opinions.length,
                  late: exchange.opinions.filter((o) => o.late).length,
                })}
              </a>
            </p>
          ) : null}
        </header>

        <ScopePanel
          verdict={exhibit.verdict}
          deposit={exhibit.deposit}
          hashOnly={exhibit.kind === 'hash_only'}
          origin={signer.origin}
        />

        <section aria-labelledby="digests-heading" className="space-y-3">
          <h2 id="digests-heading" className="text-2xl font-bold">
            {t('digests.heading')}
          </h2>
          <StackedTable
            testId="digest-compare"
            head={[t('digests.algorithm'), t('digests.exhibit'), t('digests.deposit'), t('digests.equal')]}
            rows={(['sha256', 'sm3'] as const).map((a) => {
              const theirs = recorded[a];
              const same = theirs === undefined ? null : theirs === exhibit.digests[a];
              return {
                key: a,
                cells: [
                  a === 'sha256' ? 'SHA-256' : 'SM3',
                  <code key="e" className="font-mono text-sm break-all" data-testid={`exhibit-${a}`}>
                    {exhibit.digests[a]}
                  </code>,
                  theirs ? (
                    <code key="d" className="font-mono text-sm break-all">
                      {theirs}
                    </code>
                  ) : (
                    '—'
                  ),
                  <span key="s" data-equal={same === null ? 'na' : String(same)}>
                    {same === null ? t('digests.notRecorded') : same ? t('digests.same') : t('digests.differ')}
                  </span>,
                ],
              };
            })}
          />
          <p className="text-sm text-slate-700">
            {exhibit.size !== null ? t('digests.size', { size: exhibit.size }) : null}{' '}
            {exhibit.fileName ? t('digests.fileName', { name: exhibit.fileName }) : null}
          </p>
        </section>

        <section aria-labelledby="deposit-heading" className="space-y-3">
          <h2 id="deposit-heading" className="text-2xl font-bold">
            {t('deposit.heading')}
          </h2>
          {exhibit.claimedDepositId ? <p>{t('deposit.claimed', { id: exhibit.claimedDepositId })}</p> : null}
          {exhibit.deposit ? (
            <dl
              className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_minmax(0,1fr)]"
              data-testid="deposit-record"
            >
              <dt className="text-slate-600">{t('deposit.id')}</dt>
              <dd className="font-mono break-all">{exhibit.deposit.id}</dd>
              <dt className="text-slate-600">{t('deposit.time')}</dt>
              <dd>{when(exhibit.deposit.depositedAt)}</dd>
              <dt className="text-slate-600">{t('deposit.depositor')}</dt>
              <dd>{exhibit.deposit.depositor.name}</dd>
              <dt className="text-slate-600">{t('deposit.leafIndex')}</dt>
              <dd
                className="tabular-nums"
                data-testid="deposit-position"
                data-leaf-index={exhibit.deposit.leafIndex ?? ''}
              >
                {exhibit.deposit.leafIndex === null || ledgerSize === null
                  ? t('deposit.notSealed')
                  : tg('recordOf', { n: exhibit.deposit.leafIndex + 1, size: ledgerSize })}
              </dd>
            </dl>
          ) : (
            <p>{t('deposit.none')}</p>
          )}
          <h3 className="font-semibold">{t('browser.heading')}</h3>
          <ProofCheck verifierKey={signer.verifierKey} digests={exhibit.digests} depositId={exhibit.claimedDepositId} />
        </section>

        {exhibit.can.reverify ? (
          <section aria-labelledby="reverify-heading" className="space-y-3">
            <h2 id="reverify-heading" className="text-2xl font-bold">
              {t('reverify.heading')}
            </h2>
            <ReverifyInBrowser
              exhibitId={exhibit.id}
              fileName={exhibit.fileName ?? exhibit.title}
              verifierKey={signer.verifierKey}
              recorded={exhibit.digests}
              depositId={exhibit.claimedDepositId}
            />
          </section>
        ) : null}

        {exhibit.can.download ? (
          <p>
            <a href={`/api/v1/exhibits/${exhibit.id}/file`} className="underline" data-testid="download-exhibit">
              {t('download')}
            </a>
          </p>
        ) : null}

        <ExhibitCertificates actor={user} caseId={exhibit.access.caseId} exhibitId={exhibit.id} />

        <ExchangeSection caseId={exhibit.access.caseId} exchange={exchange} />

        <section aria-labelledby="determination-heading" className="space-y-3">
          <h2 id="determination-heading" className="text-2xl font-bold">
            {t('determination.heading')}
          </h2>
          {exhibit.determinations.length === 0 ? <p>{t('determination.none')}</p> : null}
          <ol className="space-y-3" data-testid="determinations">
            {exhibit.determinations.map((d, i) => (
              <li key={d.id} className="border-l-4 border-slate-700 pl-3" data-outcome={d.outcome}>
                <p className="font-semibold">
                  {t(`determination.outcome.${d.outcome}`)}
                  {i === 0 ? '' : ` ${t('determination.superseded')}`}
                </p>
                <p className="text-sm text-slate-700">{t('determination.by', { judge: d.judge, time: when(d.at) })}</p>
                <p className="break-words whitespace-pre-wrap">{d.reasoning}</p>
                {exchange.answers[d.id] ? (
                  <p className="text-sm font-semibold" data-testid="determination-answers">
                    {tx('determination.answers', {
                      numbers: format.list(
                        (exchange.answers[d.id] ?? []).map((n) => tx('determination.answerNumber', { number: n })),
                      ),
                    })}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          {exhibit.can.determine ? (
            <DeterminationForm
              exhibitId={exhibit.id}
              opinions={exchange.opinions.map((o) => ({
                id: o.id,
                number: o.number,
                late: o.late,
                label: tx('determination.answerOption', {
                  number: o.number,
                  party: tx(`party.${o.party === 'defendant' ? 'defendant' : 'plaintiff'}`),
                  name: o.author,
                  time: format.dateTime(o.at, { dateStyle: 'medium', timeStyle: 'short' }),
                }),
              }))}
            />
          ) : null}
        </section>

        <section aria-labelledby="history-heading" className="space-y-3">
          <h2 id="history-heading" className="text-2xl font-bold">
            {t('history.heading')}
          </h2>
          <StackedTable
            testId="verification-history"
            wrap={[1]}
            head={[
              t('history.when'),
              tf('history.who'),
              t('history.where'),
              t('history.verdict'),
              t('history.digests'),
            ]}
            rows={exhibit.verifications.map((v) => ({
              key: v.id,
              cells: [
                when(v.at),
                `${v.by.name}`,
                t(`history.site.${v.site}`),
                <span key="v" className="inline-flex flex-col gap-1">
                  <VerdictBadge verdict={v.verdict} />
                  {v.witnessing ? (
                    <span
                      className="text-sm text-slate-700"
                      data-testid="history-witnessing"
                      data-witnessed={String(v.witnessing.witnessed)}
                      title={vouchers(v.witnessing.by)}
                    >
                      {v.witnessing.witnessed
                        ? tw('short', { count: v.witnessing.by.length, of: v.witnessing.of })
                        : tw('notWitnessed')}
                    </span>
                  ) : null}
                </span>,
                // The digests this verification computed: compared with those computed at submission,
                // and with the ledger in the words of this verification's own verdict.
                <span key="d" className="text-sm" data-matches-submission={String(v.matchesRecord)}>
                  {tf('history.digests', { same: v.matchesRecord ? 'yes' : 'no', verdict: v.verdict })}
                  <code className="block font-mono text-xs break-all">{v.sha256}</code>
                </span>,
              ],
            }))}
          />
          <div className="print:hidden">
            <Pagination
              page={exhibit.history.page}
              pages={exhibit.history.pages}
              href={(n) => `/cases/${caseId}/exhibits/${exhibitId}${n > 1 ? `?history=${n}` : ''}#history-heading`}
              labels={{
                nav: t('historyPages.nav'),
                previous: t('historyPages.previous'),
                next: t('historyPages.next'),
                status: t('historyPages.status', { ...exhibit.history }),
              }}
            />
          </div>
        </section>
      </article>
    </NextIntlClientProvider>
  );
}

function queryString(query: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(name, v);
  }
  return params.toString();
}
