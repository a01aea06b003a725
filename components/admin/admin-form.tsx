'use client';
/**
 * One form for every admin, setup and invitation page: fields described by the page (labels in
 * the reader's language), GOV.UK fields (components/ui/field.tsx) with their errors, the error
 * summary, a status line for what the last submission did, and — once, after an API key is
 * issued — the secret with a copy button. The server action answers an AdminFormState.
 */
import { useTranslations } from 'next-intl';
import { type ReactNode, useActionState, useState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field, Fieldset } from '@/components/ui/field';
import { type AdminFormError, type AdminFormState, INITIAL_FORM_STATE } from './form-state';

export const INPUT_CLASS =
  'block w-full max-w-xl border-2 border-slate-800 bg-white px-3 py-2 text-base aria-[invalid]:border-seal-700';
export const BUTTON_CLASS =
  'bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800 disabled:opacity-60';
export const SECONDARY_BUTTON_CLASS =
  'border-2 border-court-700 bg-white px-4 py-2 text-base font-semibold text-court-700 hover:bg-court-50 disabled:opacity-60';

export interface FormFieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'select' | 'radio' | 'hidden' | 'textarea';
  hint?: string;
  options?: Array<{ value: string; label: string }>;
  defaultValue?: string;
  autoComplete?: string;
  /** Shown for a field that may be left empty. */
  optional?: boolean;
}

type Action = (state: AdminFormState, formData: FormData) => Promise<AdminFormState>;

export function useAdminErrorMessage(): (error: AdminFormError) => string {
  const t = useTranslations('admin.errors');
  // Keys computed from the domain's answer (form-state.ts); an unknown one reads as UNAVAILABLE.
  type Key = Parameters<typeof t>[0];
  return (error) => (t.has(error.key as Key) ? t(error.key as Key) : t('UNAVAILABLE'));
}

export function AdminForm({
  id,
  action,
  fields,
  submitLabel,
  pendingLabel,
  secondary,
  testId,
  whenDone,
}: {
  id: string;
  action: Action;
  fields: FormFieldSpec[];
  submitLabel: string;
  pendingLabel?: string;
  /** A lighter button (actions on a row: revoke, disable…). */
  secondary?: boolean;
  testId?: string;
  /** For a form that is used once (setup, an invitation): shown instead of the form after success. */
  whenDone?: ReactNode;
}) {
  const t = useTranslations('admin');
  const message = useAdminErrorMessage();
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const errorOf = (field: string) => {
    const error = state.errors.find((e) => e.field === field);
    return error ? message(error) : undefined;
  };
  const visible = fields.filter((f) => f.type !== 'hidden');
  const fieldIds = new Set(visible.map((f) => f.name));
  const value = (f: FormFieldSpec) =>
    (state.attempt > 0 && state.errors.length > 0 ? state.values[f.name] : undefined) ?? f.defaultValue ?? '';
  if (whenDone && state.done && state.errors.length === 0) {
    return (
      <div className="space-y-4" data-testid={testId}>
        <StatusLine state={state} testId={testId ? `${testId}-status` : undefined} />
        {whenDone}
      </div>
    );
  }
  return (
    <div className="space-y-4" data-testid={testId}>
      <StatusLine state={state} testId={testId ? `${testId}-status` : undefined} />
      <form key={state.attempt} action={formAction} noValidate className="space-y-5">
        <ErrorSummary
          id={`${id}-errors`}
          title={t('errorSummary')}
          testId={`${id}-errors`}
          items={state.errors.map((e) => ({
            message: message(e),
            href: e.field && fieldIds.has(e.field) ? `#${id}-${e.field}` : undefined,
          }))}
        />
        {fields
          .filter((f) => f.type === 'hidden')
          .map((f) => (
            <input key={f.name} type="hidden" name={f.name} value={f.defaultValue ?? ''} />
          ))}
        {visible.map((f) => (
          <FormField
            key={f.name}
            formId={id}
            field={f}
            value={value(f)}
            error={errorOf(f.name)}
            optional={t('optional')}
          />
        ))}
        <button type="submit" disabled={pending} className={secondary ? SECONDARY_BUTTON_CLASS : BUTTON_CLASS}>
          {pending ? (pendingLabel ?? submitLabel) : submitLabel}
        </button>
      </form>
    </div>
  );
}

function FormField({
  formId,
  field: f,
  value,
  error,
  optional,
}: {
  formId: string;
  field: FormFieldSpec;
  value: string;
  error?: string;
  optional: string;
}) {
  const id = `${formId}-${f.name}`;
  const label = f.optional ? `${f.label} ${optional}` : f.label;
  if (f.type === 'radio') {
    return (
      <Fieldset id={id} legend={label} hint={f.hint} error={error}>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {(f.options ?? []).map((o, i) => (
            <label key={o.value} htmlFor={i === 0 ? id : `${id}-${o.value}`} className="flex items-center gap-2 py-1">
              <input
                id={i === 0 ? id : `${id}-${o.value}`}
                type="radio"
                name={f.name}
                value={o.value}
                defaultChecked={value === o.value}
                className="size-5 accent-court-700"
              />
              {o.label}
            </label>
          ))}
        </div>
      </Fieldset>
    );
  }
  return (
    <Field id={id} label={label} hint={f.hint} error={error}>
      {(control) =>
        f.type === 'select' ? (
          <select {...control} name={f.name} defaultValue={value} className={INPUT_CLASS}>
            {(f.options ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : f.type === 'textarea' ? (
          <textarea {...control} name={f.name} defaultValue={value} rows={3} className={`${INPUT_CLASS} font-mono`} />
        ) : (
          <input
            {...control}
            name={f.name}
            type={f.type ?? 'text'}
            defaultValue={f.type === 'password' ? undefined : value}
            autoComplete={f.autoComplete}
            spellCheck={f.type === 'email' || f.type === 'url' ? false : undefined}
            className={INPUT_CLASS}
          />
        )
      }
    </Field>
  );
}

/** What the last submission did, announced; an issued API key is shown here once. */
function StatusLine({ state, testId }: { state: AdminFormState; testId?: string }) {
  const t = useTranslations('admin.done');
  const done = state.errors.length === 0 ? state.done : undefined;
  const secret = done?.params?.secret;
  return (
    <div
      role="status"
      data-testid={testId}
      className={done ? 'border-l-4 border-court-700 bg-court-50 p-3' : 'sr-only'}
    >
      {done ? <p>{t(done.key as Parameters<typeof t>[0], done.params ?? {})}</p> : null}
      {secret ? <SecretOnce secret={secret} /> : null}
    </div>
  );
}

function SecretOnce({ secret }: { secret: string }) {
  const t = useTranslations('admin.done');
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-3 space-y-2">
      <p className="font-semibold">{t('secretOnce')}</p>
      <p className="border border-slate-400 bg-white p-2 font-mono break-all" data-testid="api-key-secret">
        {secret}
      </p>
      <button
        type="button"
        className={SECONDARY_BUTTON_CLASS}
        onClick={() => {
          void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
        }}
      >
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}
