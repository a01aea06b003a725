import { getTranslations } from 'next-intl/server';
import type { DepositFacts } from '@/lib/exhibits/describe-deposits';
import type { Verdict } from '@/lib/verification/decide-verdict';

/**
 * What the result proves and what it does not, in plain language, with the facts a judge weighs
 * under the Online Litigation Rules art. 17 (platform, depositor identity, signature, anchor).
 * Only facts that exist: without a deposit (not found) there is no depositor, signature or
 * anchor to describe, and the panel says so instead of describing a deposit that does not exist.
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
  const [t, tf] = await Promise.all([getTranslations('exhibits.scope'), getTranslations('exhibitFacts')]);
  // "Not found" means no deposit holds these digests: whatever deposit ID a party named, there are
  // no facts of a deposit to weigh.
  const facts = verdict === 'not_found' ? null : deposit;
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
      <dl
        className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_minmax(0,1fr)]"
        data-testid="deposit-facts"
      >
        <dt className="text-slate-600">{t('platform')}</dt>
        <dd>{t('platformValue', { origin })}</dd>
        {facts ? (
          <>
            <dt className="text-slate-600">{t('depositor')}</dt>
            <dd data-fact="depositor">{facts.depositor.name}</dd>
            <dt className="text-slate-600">{t('signature')}</dt>
            <dd data-fact="signature">
              {facts.signature
                ? t(`signatureValue.${facts.signature.keyStatus}`, {
                    algorithm: facts.signature.algorithm.toUpperCase(),
                  })
                : t('signatureValue.none')}
            </dd>
            <dt className="text-slate-600">{t('anchor')}</dt>
            <dd data-fact="anchor">{t('anchorValue')}</dd>
          </>
        ) : null}
      </dl>
      {facts ? null : (
        <p className="border-l-4 border-slate-500 pl-3" data-testid="no-deposit-facts">
          {tf('noDeposit')}
        </p>
      )}
    </aside>
  );
}
