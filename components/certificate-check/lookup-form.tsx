'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { lookupCertificateAction } from '@/app/certificates/actions';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { INITIAL_LOOKUP_STATE, type LookupError } from './lookup-state';

const INPUT_CLASS =
  'block w-full max-w-xs border-2 border-slate-800 bg-white px-3 py-2 font-mono text-lg uppercase tracking-wider aria-[invalid]:border-seal-700';
const BUTTON_CLASS =
  'bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800 disabled:opacity-60';

/** The certificate number and the check code printed beside it; a match opens the certificate's page. */
export function CertificateLookupForm() {
  const t = useTranslations('certificateLookup');
  const [state, action, pending] = useActionState(lookupCertificateAction, INITIAL_LOOKUP_STATE);
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
      <Field id="number" label={t('number')} hint={t('numberHint')} error={errorOf('number')}>
        {(control) => (
          <input
            {...control}
            name="number"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            defaultValue={state.values.number}
            className={INPUT_CLASS}
          />
        )}
      </Field>
      <Field id="code" label={t('code')} hint={t('codeHint')} error={errorOf('code')}>
        {(control) => (
          <input
            {...control}
            name="code"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            defaultValue={state.values.code}
            className={INPUT_CLASS}
          />
        )}
      </Field>
      <button type="submit" disabled={pending} className={BUTTON_CLASS}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
