'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { updateAccountAction } from '@/app/(portal)/account/actions';
import { Field, Fieldset } from '@/components/ui/field';
import { LOCALES } from '@/lib/i18n/config';
import { BUTTON_CLASS, FormErrorSummary, INPUT_CLASS, useAccountErrorMessage } from './form-parts';
import { initialFormState } from './form-state';

/** One's own name and the language of one's e-mail. */
export function AccountDetailsForm({ name, locale }: { name: string; locale: string }) {
  const t = useTranslations('account');
  const message = useAccountErrorMessage('account');
  const [state, action, pending] = useActionState(updateAccountAction, initialFormState({ name, locale }));
  const errorOf = (field: string) => {
    const error = state.errors.find((e) => e.field === field);
    return error ? message(error) : undefined;
  };
  return (
    <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="account-details-form">
      <FormErrorSummary id="account-details-errors" errors={state.errors} title={t('errorSummary')} own="account" />
      <Field id="name" label={t('details.name')} hint={t('details.nameHint')} error={errorOf('name')}>
        {(control) => (
          <input
            {...control}
            name="name"
            type="text"
            autoComplete="name"
            defaultValue={state.values.name}
            className={`${INPUT_CLASS} max-w-2xl`}
          />
        )}
      </Field>
      <Fieldset id="locale" legend={t('details.locale')} hint={t('details.localeHint')} error={errorOf('locale')}>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {LOCALES.map((value) => (
            <label key={value} htmlFor={`locale-${value}`} className="flex items-center gap-2 py-1 text-base">
              <input
                id={`locale-${value}`}
                type="radio"
                name="locale"
                value={value}
                defaultChecked={state.values.locale === value}
                className="size-5 accent-court-700"
              />
              <span lang={value}>{t(`locales.${value}`)}</span>
            </label>
          ))}
        </div>
      </Fieldset>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <button type="submit" disabled={pending} className={BUTTON_CLASS}>
          {pending ? t('details.submitting') : t('details.submit')}
        </button>
        <p role="status" data-testid="account-details-status" className="font-semibold text-court-700">
          {state.done === 'saved' ? t('details.saved') : state.done === 'unchanged' ? t('details.unchanged') : ''}
        </p>
      </div>
    </form>
  );
}
