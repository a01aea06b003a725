'use client';
/**
 * The docket forms' building blocks (GOV.UK patterns): a labelled field with hint and error,
 * a radio group in a fieldset, the error summary fed by an action's state, and the line that
 * confirms what the last submission did.
 */
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { DocketFormError } from './docket-form-state';

export const INPUT_CLASS =
  'block w-full border-2 border-slate-800 bg-white px-3 py-2 text-base aria-[invalid]:border-seal-700';

export const BUTTON_CLASS =
  'bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800 disabled:opacity-60';

/** The sentence for an error, in the reader's language; `name` is the person an error is about. */
export function useDocketErrorMessage(): (error: DocketFormError, name?: string) => string {
  const t = useTranslations('docket.errors');
  const roles = useTranslations('cases.roles');
  return (error, name) => {
    const role = error.role ? roles(error.role) : '';
    switch (error.key) {
      case 'CASE_NUMBER_TAKEN':
        return t('CASE_NUMBER_TAKEN', { caseNumber: error.caseNumber ?? '' });
      case 'ROLE_MISMATCH':
        return t('ROLE_MISMATCH', { role: error.role ?? 'plaintiff' });
      case 'ALREADY_MEMBER':
        return t('ALREADY_MEMBER', { role });
      case 'HAS_EXHIBITS':
        return t('HAS_EXHIBITS', { name: name ?? '', role });
      default:
        return t(error.key);
    }
  };
}

/**
 * The error summary for a form's errors. Keyed by the submission count by its caller, so it
 * takes focus after every failed submission, not only the first.
 */
export function DocketErrorSummary({
  id,
  errors,
  hrefFor,
  nameFor,
}: {
  id: string;
  errors: DocketFormError[];
  /** The element an error about `field` links to (default: `#field`). */
  hrefFor?: (field: string) => string;
  nameFor?: (error: DocketFormError) => string | undefined;
}) {
  const t = useTranslations('docket');
  const message = useDocketErrorMessage();
  return (
    <ErrorSummary
      id={id}
      title={t('errorSummary')}
      testId={`${id}`}
      items={errors.map((e) => ({
        message: message(e, nameFor?.(e)),
        href: e.field ? (hrefFor?.(e.field) ?? `#${e.field}`) : undefined,
      }))}
    />
  );
}

export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'border-l-4 border-seal-700 pl-4' : undefined}>
      <label htmlFor={id} className="mb-1 block text-base font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mb-1 text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mb-1 font-semibold text-seal-700">
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/** `aria-describedby` and `aria-invalid` for an input with an optional hint and error. */
export function describedBy(id: string, hint: boolean, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
}

export function RadioGroup({
  name,
  legend,
  hint,
  error,
  options,
  defaultValue,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: Array<{ value: string; label: string }>;
  defaultValue?: string;
}) {
  return (
    <fieldset
      className={error ? 'border-l-4 border-seal-700 pl-4' : undefined}
      aria-describedby={describedBy(name, Boolean(hint), error)['aria-describedby']}
    >
      <legend className="mb-1 text-base font-semibold">{legend}</legend>
      {hint ? (
        <p id={`${name}-hint`} className="mb-1 text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="mb-1 font-semibold text-seal-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {options.map((o) => (
          <label key={o.value} htmlFor={`${name}-${o.value}`} className="flex items-center gap-2 py-1 text-base">
            <input
              id={`${name}-${o.value}`}
              type="radio"
              name={name}
              value={o.value}
              defaultChecked={defaultValue === o.value}
              className="size-5 accent-court-700"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Confirms the last successful submission; always rendered, so screen readers announce changes. */
export function StatusLine({ children, testId }: { children?: ReactNode; testId?: string }) {
  return (
    <p
      role="status"
      data-testid={testId}
      className={children ? 'border-l-4 border-court-700 bg-court-50 p-3' : 'sr-only'}
    >
      {children}
    </p>
  );
}
