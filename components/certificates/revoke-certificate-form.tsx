'use client';
/**
 * A clerk revokes a certificate: a disclosure holding a small form — the reason (required, shown
 * publicly with the status) and an explicit confirmation that revoking cannot be undone. Stays
 * mounted once the certificate is revoked, to keep the confirmation in view. Works without
 * JavaScript (a plain form post).
 */
import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import {
  type RevokeCertificateState,
  revokeCertificateAction,
} from '@/app/(portal)/cases/[caseId]/certificates/actions';
import { Field } from '@/components/ui/field';

export function RevokeCertificateForm({
  certificateId,
  number,
  revoked,
}: {
  certificateId: string;
  number: string;
  /** Already revoked: only this form's own confirmation, if any, is shown. */
  revoked: boolean;
}) {
  const t = useTranslations('certificates.revoke');
  const action = revokeCertificateAction.bind(null, certificateId);
  const [state, formAction, pending] = useActionState<RevokeCertificateState, FormData>(action, {});
  const ids = { reason: useId(), confirm: useId(), error: useId() };
  const failed = state.result && !state.result.ok ? state.result : null;
  if (state.result?.ok) {
    return (
      <p role="status" className="border-l-4 border-court-700 bg-slate-50 p-3" data-testid="certificate-revoked">
        {t('done', { number: state.result.data.number })}
      </p>
    );
  }
  if (revoked) return null;
  return (
    <details
      className="max-w-2xl border border-slate-400 p-3"
      data-testid="revoke-certificate"
      open={failed ? true : undefined}
    >
      <summary className="cursor-pointer font-semibold">{t('summary', { number })}</summary>
      <form action={formAction} className="mt-3 space-y-3">
        <p className="max-w-2xl text-slate-800">{t('intro')}</p>
        {failed ? (
          <p id={ids.error} role="alert" className="border-l-4 border-red-800 bg-red-50 p-3 text-red-900">
            {failed.message}
          </p>
        ) : null}
        <Field
          id={ids.reason}
          label={t('reasonLabel')}
          hint={t('reasonHint')}
          describedBy={failed ? ids.error : undefined}
        >
          {(control) => (
            <textarea
              {...control}
              name="reason"
              required
              maxLength={1000}
              rows={3}
              className="mt-1 block w-full max-w-2xl border border-slate-700 p-2"
              data-testid="revoke-reason"
            />
          )}
        </Field>
        <label htmlFor={ids.confirm} className="flex items-start gap-2">
          <input
            id={ids.confirm}
            type="checkbox"
            name="confirm"
            value="yes"
            required
            className="mt-1"
            data-testid="revoke-confirm"
          />
          <span>{t('confirm')}</span>
        </label>
        <button
          type="submit"
          disabled={pending}
          className="bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 disabled:opacity-60"
          data-testid="revoke-submit"
        >
          {t('submit')}
        </button>
      </form>
    </details>
  );
}
