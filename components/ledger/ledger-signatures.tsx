'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { formatCourtTime } from '@/components/verify/format';
import type { SignatureCheck } from './check-signatures';

export interface ShownWitness {
  name: string;
  nameEn: string | null;
  verifierKey: string;
  /** When the log received its cosignature (the server's word, shown until the browser has checked). */
  cosignedAt: string | null;
}

/**
 * The ledger's signatures checked in the visitor's browser: the checkpoint the page shows against
 * the log key and the witness policy pinned into the page (as /verify pins the log key), the check
 * (./check-signatures.ts) loaded on first use. Says in plain words what was checked; a log signature that does not check is
 * an alarm; each witness row says whether its signature is there and checks, and when it signed.
 */
export function LedgerSignatures({
  note,
  treeSize,
  logKey,
  quorum,
  witnesses,
}: {
  note: string;
  treeSize: number;
  logKey: string;
  quorum: number;
  witnesses: ShownWitness[];
}) {
  const t = useTranslations('ledgerPage');
  const locale = useLocale();
  const [check, setCheck] = useState<SignatureCheck | { state: 'checking' } | { state: 'error' }>({
    state: 'checking',
  });

  useEffect(() => {
    let live = true;
    import('./check-signatures')
      .then(({ checkLedgerSignatures }) => {
        if (live) setCheck(checkLedgerSignatures(note, logKey, witnesses, quorum, treeSize));
      })
      .catch(() => {
        if (live) setCheck({ state: 'error' });
      });
    return () => {
      live = false;
    };
  }, [note, logKey, witnesses, quorum, treeSize]);

  const name = (w: ShownWitness) => (locale.startsWith('en') && w.nameEn ? w.nameEn : w.name);
  const time = (iso: string) => formatCourtTime(iso, locale);

  return (
    <div data-testid="signature-check" data-state={check.state}>
      {check.state === 'log_failed' ? (
        <div
          role="alert"
          aria-labelledby="log-signature-alarm"
          className="mb-4 border-4 border-seal-700 bg-[#fcefef] p-4"
          data-testid="log-signature-alarm"
        >
          <h3 id="log-signature-alarm" className="flex items-center gap-2 text-xl font-bold text-seal-700">
            <span aria-hidden="true">⚠</span>
            {t('check.logFailedTitle')}
          </h3>
          <p className="mt-2 max-w-prose">{t('check.logFailedBody')}</p>
          <p className="mt-2 text-sm break-words" translate="no">
            {check.message}
          </p>
        </div>
      ) : null}
      <p role="status" className="max-w-prose text-lg" data-testid="signature-check-status">
        {check.state === 'checking' ? (
          t('check.checking')
        ) : check.state === 'error' ? (
          t('check.failed')
        ) : check.state === 'checked' ? (
          <>
            <span aria-hidden="true" className="mr-1 font-bold text-[#1d6b33]">
              ✓
            </span>
            {witnesses.length === 0
              ? t('check.logOnly')
              : check.satisfied
                ? t('check.witnessed', { count: check.cosigned })
                : t('check.short', { count: check.cosigned, quorum: check.quorum })}
            {check.problems.length > 0 ? ` ${t('check.problems', { count: check.problems.length })}` : null}
          </>
        ) : null}
      </p>
      {witnesses.length > 0 ? (
        <ul className="mt-4 divide-y divide-slate-300 border-y border-slate-300" data-testid="witness-list">
          {witnesses.map((w, i) => {
            const checked = check.state === 'checked' ? check.witnesses[i] : undefined;
            return (
              <li key={w.verifierKey} className="py-3" data-testid="witness" data-witness-state={stateOf(checked)}>
                <p className="font-semibold break-words">{name(w)}</p>
                <p className="mt-1 break-words text-slate-800">
                  {checked === 'bad' ? (
                    <span className="font-semibold text-seal-700">
                      <span aria-hidden="true">✗ </span>
                      {t('witnesses.bad')}
                    </span>
                  ) : checked ? (
                    <>
                      <span aria-hidden="true" className="font-bold text-[#1d6b33]">
                        ✓{' '}
                      </span>
                      {t('witnesses.signedChecked', { time: time(new Date(checked.cosignedAt * 1000).toISOString()) })}
                    </>
                  ) : checked === null || (check.state !== 'checking' && !w.cosignedAt) ? (
                    t('witnesses.notSigned')
                  ) : w.cosignedAt ? (
                    `${t('witnesses.signed', { time: time(w.cosignedAt) })} — ${t('witnesses.checking')}`
                  ) : (
                    t('witnesses.checking')
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      ) : null}
      {check.state === 'checked' && check.problems.length > 0 ? (
        <details className="mt-2 text-sm text-slate-700" data-testid="signature-problems">
          <summary className="cursor-pointer text-court-700 underline underline-offset-4">
            {t('technical.summary')}
          </summary>
          <ul className="mt-1">
            {check.problems.map((p) => (
              <li key={`${p.name}-${p.kind}`} className="break-words" translate="no">
                {t('technical.problem', { name: p.name, kind: p.kind, message: p.message })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function stateOf(checked: { cosignedAt: number } | 'bad' | null | undefined): string {
  if (checked === undefined) return 'checking';
  if (checked === null) return 'not_signed';
  return checked === 'bad' ? 'bad' : 'checked';
}
