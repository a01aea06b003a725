'use client';
/** "Send again" for a failed e-mail, with the outcome said in words beside it. */
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type ResendMailState, resendMailAction } from '@/app/(portal)/admin/mail/actions';

export function ResendMailForm({ outboxId, recipient }: { outboxId: string; recipient: string }) {
  const t = useTranslations('mailbox.outbox');
  const [state, formAction, pending] = useActionState<ResendMailState, FormData>(
    resendMailAction.bind(null, outboxId),
    {},
  );
  if (state.result?.ok) {
    return (
      <p role="status" className="text-sm" data-testid="mail-resent">
        {t('resent', { recipient: state.result.data.recipient })}
      </p>
    );
  }
  return (
    <form action={formAction} className="mt-1">
      {state.result && !state.result.ok ? (
        <p role="alert" className="mb-1 text-sm text-red-900">
          {state.result.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        aria-label={t('resendLabel', { recipient })}
        className="border border-slate-700 bg-white px-3 py-1 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60"
        data-testid="mail-resend"
      >
        {t('resend')}
      </button>
    </form>
  );
}
