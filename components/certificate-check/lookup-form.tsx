'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { lookupCertificateAction } from '@/app/certificates/actions';
import { CodeField } from '@/components/ui/code-field';
import { ErrorSummary } from '@/components/ui/error-summary';
import { INITIAL_LOOKUP_STATE, type LookupError } from './lookup-state';

const BUTTON_CLASS =
  'bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800 disabled:opacity-60';

/**
 * The certificate number and the check code printed beside it; a match opens the certificate's page.
 * `initialNumber`: a number already known (the public ledger page's search links here with it), so
 * only the code is left to type.
 */
export function CertificateLookupForm({ initialNumber = '' }: { initialNumber?: string }) {
  const t = useTranslations('certificateLookup');
  const [state, action, pending] = useActionState(lookupCertificateAction, {
    ...INITIAL_LOOKUP_STATE,
    values: { ...INITIAL_LOOKUP_STATE.values, number: initialNumber },
  });
  const message = (error: LookupError) => t(`errors.${error.key}`, { minutes: error.minutes ?? 15 });
  const errorOf = (field: 'number' | 'code') => {
    const error = state.errors.find((e) => e.field === field);
    return error ? message(error) : undefined;
  };
  return (
    <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="certificate-lookup-form">
      <ErrorSummary
        id="certificate-lookup-errors"
        testId="certificate-lookup-errors"
        title={t('errorSummary')}
        items={state.errors.map((e) => ({ message: message(e), href: e.field ? `#${e.field}` : undefined }))}
      />
      <CodeField
        id="number"
        name="number"
        size="short"
        label={t('number')}
        hint={t('numberHint')}
        error={errorOf('number')}
        defaultValue={state.values.number}
      />
      <CodeField
        id="code"
        name="code"
        size="short"
        label={t('code')}
        hint={t('codeHint')}
        error={errorOf('code')}
        defaultValue={state.values.code}
      />
      <button type="submit" disabled={pending} className={BUTTON_CLASS}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
