'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { requestResetAction } from '@/app/forgot-password/actions';
import { Field } from '@/components/ui/field';
import { BUTTON_CLASS, FormErrorSummary, INPUT_CLASS, useAccountErrorMessage } from './form-parts';
import { initialFormState } from './form-state';

/** The e-mail address to send a reset link to; afterwards the same words whatever happened. */
export function ForgotPasswordForm() {
  const t = useTranslations('passwordReset');
  const message = useAccountErrorMessage('passwordReset');
  const [state, action, pending] = useActionState(requestResetAction, initialFormState({ email: '' }));
  if (state.done === 'sent') {
    return (
      <div role="status" className="border-l-4 border-court-700 bg-court-50 p-4" data-testid="reset-sent">
        <h2 className="mb-2 text-xl font-bold">{t('sent.heading')}</h2>
        <p className="mb-2 max-w-prose break-words">{t('sent.body', { email: state.values.email ?? '' })}</p>
        <p className="mb-4 max-w-prose text-slate-700">{t('sent.noMail')}</p>
        <Link href="/sign-in" className="text-court-700 underline underline-offset-4">
          {t('backToSignIn')}
        </Link>
      </div>
    );
  }
  const emailError = state.errors.find((e) => e.field === 'email');
  return (
    <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="forgot-password-form">
      <FormErrorSummary
        id="forgot-password-errors"
        errors={state.errors}
        title={t('errorSummary')}
        own="passwordReset"
      />
      <Field id="email" label={t('request.email')} error={emailError ? message(emailError) : undefined}>
        {(control) => (
          <input
            {...control}
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            defaultValue={state.values.email}
            className={INPUT_CLASS}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <button type="submit" disabled={pending} className={BUTTON_CLASS}>
          {pending ? t('request.submitting') : t('request.submit')}
        </button>
        <Link href="/sign-in" className="text-court-700 underline underline-offset-4">
          {t('backToSignIn')}
        </Link>
      </div>
    </form>
  );
}
