'use client';
/**
 * A clerk issues certificates for every exhibit of the case without a valid one, at once; the
 * answer lists what was issued and what was skipped, with the reason in the reader's language.
 * Works without JavaScript (a plain form post).
 */
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import {
  type IssueCaseCertificatesState,
  issueCaseCertificatesAction,
} from '@/app/(portal)/cases/[caseId]/certificates/actions';
import { CertificateLinks } from './certificate-links';

const REASONS = [
  'already_certified',
  'pending',
  'invalid_proof',
  'deposit_not_sealed',
  'deposit_missing',
  'no_verification',
  'self_check_failed',
] as const;
type Reason = (typeof REASONS)[number];

function isReason(value: string): value is Reason {
  return (REASONS as readonly string[]).includes(value);
}

export function IssueAllCertificatesForm({
  caseId,
  exhibits,
}: {
  caseId: string;
  /** The case's exhibits, to name them in the answer. */
  exhibits: Array<{ id: string; number: number; title: string }>;
}) {
  const t = useTranslations('certificates');
  const action = issueCaseCertificatesAction.bind(null, caseId);
  const [state, formAction, pending] = useActionState<IssueCaseCertificatesState, FormData>(action, {});
  const failed = state.result && !state.result.ok ? state.result : null;
  const outcome = state.result?.ok ? state.result.data : null;
  const numberOf = (exhibitId: string) => exhibits.find((e) => e.id === exhibitId)?.number ?? '?';
  const labelOf = (exhibitId: string) => {
    const exhibit = exhibits.find((e) => e.id === exhibitId);
    return exhibit ? t('exhibitLabel', { number: exhibit.number, title: exhibit.title }) : exhibitId;
  };
  return (
    <div className="space-y-3" data-testid="issue-all-certificates">
      <form action={formAction} className="space-y-2">
        <p className="max-w-3xl text-slate-800">{t('issueAll.intro')}</p>
        <button
          type="submit"
          disabled={pending}
          className="bg-court-700 px-4 py-2 font-semibold text-white hover:bg-court-900 disabled:opacity-60"
          data-testid="issue-all-certificates-button"
        >
          {pending ? t('issueAll.pending') : t('issueAll.button')}
        </button>
      </form>
      {failed ? (
        <p role="alert" className="border-l-4 border-red-800 bg-red-50 p-3 text-red-900" data-testid="issue-all-error">
          {failed.message}
        </p>
      ) : null}
      {outcome ? (
        <div
          role="status"
          className="space-y-3 border-l-4 border-court-700 bg-slate-50 p-3"
          data-testid="issue-all-result"
          data-issued={outcome.issued.length}
          data-skipped={outcome.skipped.length}
        >
          <p className="font-semibold">{t('issueAll.issued', { count: outcome.issued.length })}</p>
          {outcome.issued.length > 0 ? (
            <ul className="space-y-1" data-testid="issued-certificates">
              {outcome.issued.map((c) => (
                <li key={c.id} data-certificate-id={c.id} className="flex flex-wrap gap-x-3">
                  <span className="font-mono">{c.number}</span>
                  <span className="min-w-0">{labelOf(c.exhibitId)}</span>
                  <CertificateLinks
                    id={c.id}
                    number={c.number}
                    pdfLabel={t('downloadPdf')}
                    publicLabel={t('publicPage')}
                  />
                </li>
              ))}
            </ul>
          ) : null}
          {outcome.skipped.length > 0 ? (
            <>
              <p className="font-semibold">{t('issueAll.skipped', { count: outcome.skipped.length })}</p>
              <ul className="list-disc space-y-1 pl-6" data-testid="skipped-exhibits">
                {outcome.skipped.map((s) => (
                  <li key={s.exhibitId} data-exhibit-id={s.exhibitId} data-reason={s.reason}>
                    {t('issueAll.item', {
                      number: numberOf(s.exhibitId),
                      detail: isReason(s.reason) ? t(`reason.${s.reason}`) : s.message,
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
