'use client';
/**
 * A clerk issues the certificate of one exhibit. Stays mounted after the page refreshes with the
 * new certificate, so the confirmation (number, PDF, public page) remains in view while that
 * certificate stands; the button goes once the exhibit has a valid certificate. Works without
 * JavaScript (a plain form post).
 */
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type IssueCertificateState, issueCertificateAction } from '@/app/(portal)/cases/[caseId]/certificates/actions';
import { CertificateLinks } from './certificate-links';

export function IssueCertificateForm({
  exhibitId,
  validIds,
}: {
  exhibitId: string;
  /** The exhibit's valid certificates: none means one may be issued. */
  validIds: string[];
}) {
  const t = useTranslations('certificates');
  const action = issueCertificateAction.bind(null, exhibitId);
  const [state, formAction, pending] = useActionState<IssueCertificateState, FormData>(action, {});
  const failed = state.result && !state.result.ok ? state.result : null;
  // The confirmation stands while the certificate does (a revoked one is explained in the list).
  const issued = state.result?.ok && validIds.includes(state.result.data.id) ? state.result.data : null;
  const canIssue = validIds.length === 0;
  return (
    <div className="space-y-3" data-testid="issue-certificate">
      {failed ? (
        <p role="alert" className="border-l-4 border-red-800 bg-red-50 p-3 text-red-900" data-testid="issue-error">
          {failed.message}
        </p>
      ) : null}
      {issued ? (
        <div
          role="status"
          className="space-y-1 border-l-4 border-court-700 bg-slate-50 p-3"
          data-testid="certificate-issued"
          data-certificate-id={issued.id}
          data-certificate-number={issued.number}
        >
          <p className="font-semibold">{t('issue.done', { number: issued.number })}</p>
          <CertificateLinks
            id={issued.id}
            number={issued.number}
            pdfLabel={t('downloadPdf')}
            publicLabel={t('publicPage')}
          />
        </div>
      ) : null}
      {canIssue ? (
        <form action={formAction} className="space-y-2">
          <p className="max-w-3xl text-slate-800">{t('issue.intro')}</p>
          <button
            type="submit"
            disabled={pending}
            className="bg-court-700 px-4 py-2 font-semibold text-white hover:bg-court-900 disabled:opacity-60"
            data-testid="issue-certificate-button"
          >
            {pending ? t('issue.pending') : t('issue.button')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
