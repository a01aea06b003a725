'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { resetPasswordAction } from '@/app/reset-password/[token]/actions';
import { BUTTON_CLASS, FormErrorSummary, NewPasswordFields } from './form-parts';
import { initialFormState } from './form-state';
import { isResetLinkProblem, ResetLinkProblem } from './reset-link-problem';

/** The new password for a reset link; then the way back to sign in. */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations('passwordReset');
  const [state, action, pending] = useActionState(resetPasswordAction, initialFormState());
  if (isResetLinkProblem(state.problem)) return <ResetLinkProblem reason={state.problem} />;
  if (state.done === 'reset') {
    return (
      <div role="status" className="border-l-4 border-court-700 bg-court-50 p-4" data-testid="reset-done">
        <h2 className="mb-2 text-xl font-bold">{t('done.heading')}</h2>
        <p className="mb-4 max-w-prose">{t('done.body')}</p>
        <Link href="/sign-in" className="text-court-700 underline underline-offset-4">
          {t('done.signIn')}
        </Link>
      </div>
    );
  }
  return (
    <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="reset-password-form">
      <FormErrorSummary
        id="reset-password-errors"
        errors={state.errors}
        title={t('errorSummary')}
        own="passwordReset"
      />
      <input type="hidden" name="token" value={token} />
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordFields errors={state.errors} own="passwordReset" />
      <button type="submit" disabled={pending} className={BUTTON_CLASS}>
        {pending ? t('choose.submitting') : t('choose.submit')}
      </button>
    </form>
  );
}
