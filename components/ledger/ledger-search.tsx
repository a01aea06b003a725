import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { SearchFormActions } from '@/components/ui/search-form-actions';
import { type LedgerSearchResult, MAX_SEARCH_LENGTH } from '@/lib/public-ledger/search-ledger';
import { DepositList } from './deposit-list';

/**
 * The public ledger page's search: one GET field (the search is in the address, works without
 * JavaScript), the error said by the field and in a summary, then what was found. A certificate
 * number is only a link to the certificate lookup, which asks for the check code.
 */
export async function LedgerSearch({
  q,
  result,
  total,
}: {
  q: string | undefined;
  result: LedgerSearchResult | undefined;
  total: number;
}) {
  const t = await getTranslations('ledgerPage.search');
  const error =
    result?.kind === 'problem'
      ? t(`errors.${result.problem.code}`, {
          max: MAX_SEARCH_LENGTH,
          length: result.problem.code === 'DIGEST_LENGTH' ? result.problem.length : 0,
        })
      : undefined;
  return (
    <section aria-labelledby="ledger-search" className="mb-10" data-testid="ledger-search">
      <h2 id="ledger-search" className="mb-3 text-2xl font-bold">
        {t('heading')}
      </h2>
      <search className="block border-l-4 border-court-700 bg-court-50 p-4">
        <form method="get" action="/ledger#ledger-search" className="space-y-4" noValidate>
          <ErrorSummary
            id="ledger-search-errors"
            testId="ledger-search-errors"
            title={t('errorSummary')}
            items={error ? [{ message: error, href: '#ledger-q' }] : []}
          />
          <Field id="ledger-q" label={t('label')} hint={t('hint')} error={error}>
            {(props) => (
              <input
                {...props}
                type="search"
                name="q"
                defaultValue={q}
                maxLength={MAX_SEARCH_LENGTH * 2}
                autoComplete="off"
                spellCheck={false}
                className="block w-full max-w-3xl border-2 border-slate-800 bg-white px-3 py-2 font-mono text-base"
              />
            )}
          </Field>
          <SearchFormActions
            submit={t('submit')}
            clear={t('clear')}
            clearHref="/ledger"
            showClear={q !== undefined}
            submitTestId="ledger-search-submit"
          />
        </form>
      </search>
      {result && result.kind !== 'problem' ? (
        <div className="mt-6" data-testid="ledger-search-results" data-kind={result.kind}>
          <h3 className="mb-2 text-xl font-bold">{t('resultsHeading')}</h3>
          {result.kind === 'certificate' ? (
            <>
              <p className="max-w-prose">{t('certificate', { number: result.number })}</p>
              <p className="mt-2">
                <Link
                  href={`/certificates?number=${encodeURIComponent(result.number)}`}
                  className="text-court-700 underline underline-offset-4 hover:no-underline"
                  data-testid="ledger-certificate-link"
                >
                  {t('certificateLink', { number: result.number })}
                </Link>
              </p>
            </>
          ) : (
            <>
              <p className="mb-3" role="status" data-testid="ledger-search-count">
                {t(result.kind === 'digest' ? 'digestFound' : 'depositFound', { count: result.deposits.length })}
              </p>
              <DepositList deposits={result.deposits} total={total} testId="ledger-search-list" />
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
