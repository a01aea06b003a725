'use client';
/**
 * The account and password-reset forms' shared parts: the error summary fed by an action's
 * state, the sentence for each error, and the two new-password fields every new password is
 * chosen with (GOV.UK patterns; fields are components/ui/field.tsx).
 */
import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import type { AccountFormError } from './form-state';

export const INPUT_CLASS =
  'block w-full max-w-md border-2 border-slate-800 bg-white px-3 py-2 text-base aria-[invalid]:border-seal-700';

export const BUTTON_CLASS =
  'bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800 disabled:opacity-60';

type Lookup = { (key: string, values: { minutes: number }): string; has(key: string): boolean };

/** Where a form's sentences are first looked for: the account page's or the password-reset pages'. */
export type FormMessages = 'account' | 'passwordReset';

/** The sentence for an error, in the reader's language (the form's own messages first). */
export function useAccountErrorMessage(own: FormMessages): (error: AccountFormError) => string {
  // Both namespaces are asked by key, so their typed translators are used as lookups by name.
  const account = useTranslations('account.errors') as unknown as Lookup;
  const reset = useTranslations('passwordReset.errors') as unknown as Lookup;
  return (error) => {
    const values = { minutes: error.minutes ?? 1 };
    const [first, second] = own === 'account' ? [account, reset] : [reset, account];
    return first.has(error.key) ? first(error.key, values) : second(error.key, values);
  };
}

export function FormErrorSummary({
  id,
  errors,
  title,
  own,
}: {
  id: string;
  errors: AccountFormError[];
  title: string;
  own: FormMessages;
}) {
  const message = useAccountErrorMessage(own);
  return (
    <ErrorSummary
      id={id}
      title={title}
      testId={id}
      items={errors.map((e) => ({ message: message(e), href: e.field ? `#${e.field}` : undefined }))}
    />
  );
}

/** New password and its confirmation, with the rule as a hint. */
export function NewPasswordFields({ errors, own }: { errors: AccountFormError[]; own: FormMessages }) {
  const t = useTranslations('passwordReset.newPassword');
  const message = useAccountErrorMessage(own);
  const errorOf = (field: string) => {
    const error = errors.find((e) => e.field === field);
    return error ? message(error) : undefined;
  };
  const password = 'password';
  const confirm = 'confirmPassword';
  return (
    <>
      <Field id={password} label={t('label')} hint={t('hint')} error={errorOf(password)}>
        {(control) => (
          <input {...control} name={password} type="password" autoComplete="new-password" className={INPUT_CLASS} />
        )}
      </Field>
      <Field id={confirm} label={t('confirmLabel')} error={errorOf(confirm)}>
        {(control) => (
          <input {...control} name={confirm} type="password" autoComplete="new-password" className={INPUT_CLASS} />
        )}
      </Field>
    </>
  );
}
