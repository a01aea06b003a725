'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { changePasswordAction } from '@/app/(portal)/account/actions';
import { Field } from '@/components/ui/field';
import { BUTTON_CLASS, FormErrorSummary, INPUT_CLASS, NewPasswordFields, useAccountErrorMessage } from './form-parts';
import { initialFormState } from './form-state';

/** One's own password: the current one, then the new one twice. */
export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations('account');
  const message = useAccountErrorMessage('account');
  const [state, action, pending] = useActionState(changePasswordAction, initialFormState());
  const currentError = state.errors.find((e) => e.field === 'currentPassword');
  return (
    <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="change-password-form">
      <FormErrorSummary id="change-password-errors" errors={state.errors} title={t('errorSummary')} own="account" />
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field
        id="currentPassword"
        label={t('password.current')}
        error={currentError ? message(currentError) : undefined}
      >
        {(control) => (
          <input
            {...control}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            className={INPUT_CLASS}
          />
        )}
      </Field>
      <NewPasswordFields errors={state.errors} own="account" />
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <button type="submit" disabled={pending} className={BUTTON_CLASS}>
          {pending ? t('password.submitting') : t('password.submit')}
        </button>
        <p role="status" data-testid="change-password-status" className="font-semibold text-court-700">
          {state.done === 'changed' ? t('password.changed') : ''}
        </p>
      </div>
    </form>
  );
}
