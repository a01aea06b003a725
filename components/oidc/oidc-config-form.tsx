'use client';
/**
 * The admin's form for the court's own sign-in (OpenID Connect): on/off, issuer, client ID and
 * secret, the e-mail claim, the button's name in both languages; "Save" and "Test the connection"
 * (which fetches the issuer's discovery document and says what it found). Works without
 * JavaScript (a plain form post; the pressed button names the intent).
 */
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { oidcConfigAction } from '@/app/(portal)/admin/sign-in/actions';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import type { OidcFormError, OidcFormField, OidcFormState, OidcFormValues } from './oidc-form-state';
import { OidcTestResult } from './oidc-test-result';

const INPUT_CLASS =
  'block w-full max-w-2xl border-2 border-slate-800 bg-white px-3 py-2 text-base aria-[invalid]:border-seal-700';
const PRIMARY =
  'bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800 disabled:opacity-60';
const SECONDARY =
  'border-2 border-court-700 bg-white px-5 py-2 text-base font-semibold text-court-800 hover:bg-court-50 disabled:opacity-60';

export function OidcConfigForm({ initial, secretStored }: { initial: OidcFormValues; secretStored: boolean }) {
  const t = useTranslations('oidc.admin');
  const [state, action, pending] = useActionState(oidcConfigAction, {
    attempt: 0,
    values: initial,
    errors: [],
  } satisfies OidcFormState);
  const message = (error: OidcFormError) => t(`errors.${error.key}`);
  const errorOf = (field: OidcFormField) => {
    const error = state.errors.find((e) => e.field === field);
    return error ? message(error) : undefined;
  };
  const text = (
    field: Exclude<OidcFormField, 'clientSecret'>,
    props: { mono?: boolean; autoComplete?: string; type?: 'url' | 'text' } = {},
  ) => (
    <Field id={field} label={t(`fields.${field}`)} hint={t(`fields.${field}Hint`)} error={errorOf(field)}>
      {(control) => (
        <input
          {...control}
          name={field}
          type={props.type ?? 'text'}
          defaultValue={state.values[field]}
          autoComplete="off"
          spellCheck={false}
          className={`${INPUT_CLASS} ${props.mono ? 'font-mono' : ''}`}
        />
      )}
    </Field>
  );

  return (
    <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="oidc-config-form">
      <ErrorSummary
        id="oidc-errors"
        title={t('errors.summary')}
        testId="oidc-errors"
        items={state.errors.map((e) => ({ message: message(e), href: e.field ? `#${e.field}` : undefined }))}
      />
      {state.saved ? (
        <p role="status" data-testid="oidc-saved" className="border-l-4 border-court-700 bg-court-50 p-3">
          {state.values.enabled ? t('savedOn') : t('savedOff')}
        </p>
      ) : null}

      <div className="flex items-start gap-3">
        <input
          id="enabled"
          name="enabled"
          type="checkbox"
          defaultChecked={state.values.enabled}
          aria-describedby="enabled-hint"
          className="mt-1 size-6 shrink-0 accent-court-700"
        />
        <div>
          <label htmlFor="enabled" className="font-semibold">
            {t('fields.enabled')}
          </label>
          <p id="enabled-hint" className="max-w-prose text-slate-700">
            {t('fields.enabledHint')}
          </p>
        </div>
      </div>

      {text('issuer', { mono: true, type: 'url' })}
      {text('clientId', { mono: true })}
      <Field
        id="clientSecret"
        label={t('fields.clientSecret')}
        hint={secretStored ? t('fields.clientSecretHintKeep') : t('fields.clientSecretHintNew')}
        error={errorOf('clientSecret')}
      >
        {(control) => (
          <input
            {...control}
            name="clientSecret"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            className={`${INPUT_CLASS} font-mono`}
          />
        )}
      </Field>
      {text('emailClaim', { mono: true })}
      {text('displayNameZh')}
      {text('displayNameEn')}

      <div className="flex flex-wrap gap-4">
        <button type="submit" name="intent" value="save" disabled={pending} className={PRIMARY}>
          {pending ? t('working') : t('save')}
        </button>
        <button type="submit" name="intent" value="test" disabled={pending} className={SECONDARY}>
          {t('test')}
        </button>
      </div>
      <div aria-live="polite">{state.test ? <OidcTestResult result={state.test} /> : null}</div>
    </form>
  );
}
