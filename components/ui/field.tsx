/**
 * A form field in the GOV.UK pattern, written once: the label (or, for a group of radios or
 * checkboxes, the legend), an optional hint, the error message by the field, and the control,
 * which gets its `id`, `aria-describedby` (hint, then error) and `aria-invalid` from here, so
 * no form wires them by hand. The error message starts with the field's name for screen-reader
 * users browsing the page; the form's ErrorSummary (./error-summary.tsx) links to the control.
 *
 * No hooks and no words of its own: usable in server and client components, in any language.
 */
import type { ReactNode } from 'react';

/** What the control inside a Field carries. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FieldTextProps {
  /** The control's id; the hint and error are `<id>-hint` and `<id>-error`. */
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  /** Ids of other elements describing the control (a form-level error), after hint and error. */
  describedBy?: string;
  /** `l` for the one question of a page (GOV.UK's larger label). */
  size?: 'm' | 'l';
}

/** The ids and aria a Field's control carries (for controls rendered outside a Field's children). */
export function fieldControl({
  id,
  hint,
  error,
  describedBy,
}: Pick<FieldTextProps, 'id' | 'hint' | 'error' | 'describedBy'>): FieldControlProps {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', describedBy ?? ''].filter(Boolean).join(' ');
  return { id, 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
}

/** A labelled control: `children` renders it with the props it is given. */
export function Field({
  labelExtra,
  children,
  ...props
}: FieldTextProps & {
  /** Words read after the label but not shown (`— contract.pdf` when a page lists many files). */
  labelExtra?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const { id, label, error, size = 'm' } = props;
  return (
    <div className={error ? 'border-l-4 border-seal-700 pl-4' : undefined}>
      <label htmlFor={id} className={`mb-1 block font-semibold ${size === 'l' ? 'text-lg' : 'text-base'}`}>
        {label}
        {labelExtra ? <span className="sr-only">{` — ${labelExtra}`}</span> : null}
      </label>
      <FieldMessages id={id} label={label} hint={props.hint} error={error} />
      {children(fieldControl(props))}
    </div>
  );
}

/**
 * A group of controls under a legend (radios, checkboxes): the fieldset carries the hint and
 * error as its description, as GOV.UK's radios do.
 */
export function Fieldset({
  id,
  legend,
  hint,
  error,
  describedBy,
  children,
}: Omit<FieldTextProps, 'label' | 'size'> & { legend: string; children: ReactNode }) {
  const aria = fieldControl({ id, hint, error, describedBy });
  return (
    <fieldset
      className={error ? 'border-l-4 border-seal-700 pl-4' : undefined}
      aria-describedby={aria['aria-describedby']}
    >
      <legend className="mb-1 text-base font-semibold">{legend}</legend>
      <FieldMessages id={id} label={legend} hint={hint} error={error} />
      {children}
    </fieldset>
  );
}

function FieldMessages({ id, label, hint, error }: { id: string; label: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mb-2 max-w-prose text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mb-2 font-semibold text-seal-700">
          <span className="sr-only">{`${label}: `}</span>
          {error}
        </p>
      ) : null}
    </>
  );
}
