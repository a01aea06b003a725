'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { LedgerCheck } from '@/lib/verification/check-ledger';
import { isLedgerSuspect } from '@/lib/verification/ledger-suspect';
import { formatCourtTime } from './format';

export type LedgerState = LedgerCheck | { state: 'checking' };

/**
 * What the page found about the ledger itself, when a person must know it: a fork or a bad
 * signature is an alarm at the top of the page (role="alert"), not a footnote: every result below
 * depends on it; an unreachable ledger and a discarded remembered state are said there too.
 */
export function LedgerStatus({ ledger, onRetry }: { ledger: LedgerState; onRetry: () => void }) {
  const t = useTranslations('verify.ledger');
  const locale = useLocale();
  const time = (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatCourtTime(iso, locale);
  };

  if (isLedgerSuspect(ledger)) {
    return (
      <div
        role="alert"
        aria-labelledby="ledger-alarm-title"
        className="mb-8 border-4 border-seal-700 bg-[#fcefef] p-4 text-slate-900"
        data-testid="ledger-alarm"
        data-ledger={ledger.state}
      >
        <h2 id="ledger-alarm-title" className="flex items-center gap-2 text-2xl font-bold text-seal-700">
          <span aria-hidden="true">⚠</span>
          {t(ledger.state === 'inconsistent' ? 'forkTitle' : 'badTitle')}
        </h2>
        {ledger.state === 'inconsistent' ? (
          <>
            <p className="mt-2 max-w-prose text-lg">
              {t('forkBody', {
                time: time(ledger.previous.seenAt),
                size: ledger.previous.checkpoint.size.toString(),
                current: ledger.current.checkpoint.size.toString(),
              })}
            </p>
            <p className="mt-2 max-w-prose text-lg font-semibold">{t('forkAdvice')}</p>
            <details className="mt-3">
              <summary className="cursor-pointer text-court-700 underline underline-offset-4">
                {t('forkEvidence')}
              </summary>
              <p className="mt-2 font-semibold">{t('rememberedCheckpoint')}</p>
              <pre className="mt-1 overflow-x-auto bg-white p-2 text-sm" translate="no">
                {ledger.previous.note}
              </pre>
              <p className="mt-2 font-semibold">{t('currentCheckpoint')}</p>
              <pre className="mt-1 overflow-x-auto bg-white p-2 text-sm" translate="no">
                {ledger.current.note}
              </pre>
              <p className="mt-2 text-sm">{t('technical', { message: ledger.message })}</p>
            </details>
          </>
        ) : (
          <>
            <p className="mt-2 max-w-prose text-lg">{t('badBody')}</p>
            <p className="mt-2 text-sm">{t('technical', { message: ledger.message })}</p>
          </>
        )}
      </div>
    );
  }

  if (ledger.state === 'unavailable') {
    return (
      <div role="alert" className="mb-8 max-w-prose border-l-4 border-[#8a6d00] bg-[#fff7db] px-3 py-2">
        <p>{t('unavailable')}</p>
        <p className="text-sm break-words">{t('technical', { message: ledger.message })}</p>
        <button
          type="button"
          onClick={onRetry}
          className="mt-2 border-2 border-slate-800 bg-white px-3 py-1 font-semibold"
        >
          {t('retry')}
        </button>
      </div>
    );
  }
  if (ledger.state === 'ok' && ledger.discarded) {
    return (
      <p
        role="status"
        className="mb-8 max-w-prose border-l-4 border-slate-600 bg-slate-100 px-3 py-2"
        data-testid="ledger-discarded"
      >
        {t('discarded')}
      </p>
    );
  }
  // All is well: what was checked is a technical detail (LedgerSummary, in the page's disclosure).
  return null;
}

/**
 * What the page checked about the ledger when all is well, in words for the technical details:
 * the signed state it found and, on a later visit, that the ledger only grew since.
 */
export function LedgerSummary({ ledger }: { ledger: LedgerState }) {
  const t = useTranslations('verify.ledger');
  const locale = useLocale();
  const time = (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatCourtTime(iso, locale);
  };
  return (
    <p className="max-w-prose break-words" data-testid="ledger-status" data-ledger={ledger.state}>
      {ledger.state === 'checking' ? t('checking') : null}
      {ledger.state === 'ok' && !ledger.previous ? t('firstVisit', { size: ledger.current.size.toString() }) : null}
      {ledger.state === 'ok' && ledger.previous
        ? t('consistent', {
            size: ledger.current.size.toString(),
            previous: ledger.previous.checkpoint.size.toString(),
            time: time(ledger.previous.seenAt),
          })
        : null}
      {ledger.state !== 'checking' && ledger.state !== 'ok' ? t('technical', { message: ledger.message }) : null}
    </p>
  );
}
