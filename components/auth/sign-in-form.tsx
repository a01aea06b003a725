'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';

type FieldErrors = { email?: string; password?: string };

/** Maps next-auth's error string (set by lib/auth/auth-options.ts) to a sentence. */
function useErrorMessage() {
  const t = useTranslations('signIn.errors');
  return (error: string): string => {
    if (error === 'INVALID_CREDENTIALS' || error === 'CredentialsSignin') return t('invalid');
    const limited = /^RATE_LIMITED:(\d+)$/.exec(error);
    if (limited) return t('rateLimited', { minutes: Math.max(1, Math.ceil(Number(limited[1]) / 60)) });
    return t('unavailable');
  };
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('signIn');
  const toMessage = useErrorMessage();
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const errors: FieldErrors = {};
    if (!email) errors.email = t('errors.emailMissing');
    if (!password) errors.password = t('errors.passwordMissing');
    setFieldErrors(errors);
    setFormError(null);
    if (errors.email || errors.password) return;

    setPending(true);
    try {
      const result = await signIn('credentials', { redirect: false, email, password });
      if (result?.ok && !result.error) {
        window.location.assign(callbackUrl);
        return;
      }
      setFormError(toMessage(result?.error ?? ''));
    } catch {
      setFormError(t('errors.unavailable'));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <ErrorSummary
        id="error-summary-title"
        title={t('errorSummary')}
        items={[
          ...(formError ? [{ message: formError, testId: 'sign-in-error' }] : []),
          ...(fieldErrors.email ? [{ message: fieldErrors.email, href: '#email' }] : []),
          ...(fieldErrors.password ? [{ message: fieldErrors.password, href: '#password' }] : []),
        ]}
      />

      <Field id="email" label={t('email')} error={fieldErrors.email}>
        {(control) => (
          <input
            {...control}
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            className="block w-full max-w-md border-2 border-slate-800 px-3 py-2 text-base aria-[invalid]:border-seal-700"
          />
        )}
      </Field>
      <Field id="password" label={t('password')} error={fieldErrors.password}>
        {(control) => (
          <input
            {...control}
            name="password"
            type="password"
            autoComplete="current-password"
            className="block w-full max-w-md border-2 border-slate-800 px-3 py-2 text-base aria-[invalid]:border-seal-700"
          />
        )}
      </Field>
      <button
        type="submit"
        disabled={pending}
        className="bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800 disabled:opacity-60"
      >
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
