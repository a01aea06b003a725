import { getTranslations } from 'next-intl/server';
import type { DepositFacts } from '@/lib/exhibits/describe-deposits';
import type { Verdict } from '@/lib/verification/decide-verdict';

/**
 * What the result proves and what it does not, in plain language, with the facts a judge weighs
 * under the Online Litigation Rules art. 17 (platform, depositor identity, signature, anchor).
 */
export async function ScopePanel({
  verdict,
  deposit,
  hashOnly,
  origin,
}: {
  verdict: Verdict;
  deposit: DepositFacts | null;
  hashOnly: boolean;
  origin: string;
}) {
  const t = await getTranslations('exhibits.scope');
  return (
    <aside
      aria-labelledby="scope-heading"
      className="space-y-3 border-2 border-slate-800 p-4"
      data-testid="scope-panel"
    >
      <h2 id="scope-heading" className="text-xl font-bold">
        {t('heading')}
      </h2>
      <p>{t(`means.${verdict}`)}</p>
      {verdict === 'consistent' ? (
        <>
          <p>
            <strong>{t('provesLabel')}</strong> {t('proves')}
          </p>
          <p>
            <strong>{t('notProvesLabel')}</strong> {t('notProves')}
          </p>
        </>
      ) : null}
      {hashOnly ? <p className="border-l-4 border-amber-700 bg-amber-50 p-2">{t('hashOnly')}</p> : null}
      <h3 className="font-semibold">{t('factsHeading')}</h3>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_minmax(0,1fr)]">
        <dt className="text-slate-600">{t('platform')}</dt>
        <dd>{t('platformValue', { origin })}</dd>
        <dt className="text-slate-600">{t('depositor')}</dt>
        <dd>{deposit ? deposit.depositor.name : '—'}</dd>
        <dt className="text-slate-600">{t('signature')}</dt>
        <dd>
          {deposit?.signature
            ? t(`signatureValue.${deposit.signature.keyStatus}`, {
                algorithm: deposit.signature.algorithm.toUpperCase(),
              })
            : t('signatureValue.none')}
        </dd>
        <dt className="text-slate-600">{t('anchor')}</dt>
        <dd>{t('anchorValue')}</dd>
      </dl>
    </aside>
  );
}
