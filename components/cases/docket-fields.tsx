'use client';
/**
 * The docket forms' building blocks (GOV.UK patterns): a radio group, the error summary fed by
 * an action's state, and the line that confirms what the last submission did. Fields are
 * components/ui/field.tsx.
 */
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Fieldset } from '@/components/ui/field';
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

/** A GOV.UK radio group: the options under a legend with hint and error (ui/field.tsx). */
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
    <Fieldset id={name} legend={legend} hint={hint} error={error}>
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
    </Fieldset>
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
