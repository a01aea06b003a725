/**
 * A field for a code a person copies from paper or a receipt — a certificate number, a check code,
 * a deposit ID, a digest: the GOV.UK Field (label, hint, error by the field) around one text input
 * in monospace, with nothing that would change what is typed (no autocomplete, spelling check or
 * translation). Written once for the certificate lookup, the certificate page's check code, the
 * /verify deposit ID and the deposit history's digest, which had each copied the markup.
 *
 * No hooks and no words of its own: usable in server and client components, in any language.
 */
import type { ReactNode } from 'react';
import { Field } from './field';

export interface CodeFieldProps {
  id: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  /** `short` for codes of a few characters (shown in capitals, spaced), `long` for IDs and digests. */
  size?: 'short' | 'long';
  /** Uncontrolled (forms posted as they are) … */
  defaultValue?: string;
  /** … or controlled. */
  value?: string;
  onChange?: (value: string) => void;
  /** Extra classes for the input (e.g. `scroll-my-24`). */
  className?: string;
  testId?: string;
}

const BASE = 'block w-full border-2 border-slate-800 bg-white px-3 py-2 font-mono aria-[invalid]:border-seal-700';
const SIZES = {
  short: 'max-w-xs text-lg uppercase tracking-wider',
  long: 'max-w-xl text-base',
} as const;

export function CodeField({
  id,
  name,
  label,
  hint,
  error,
  size = 'long',
  defaultValue,
  value,
  onChange,
  className,
  testId,
}: CodeFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          name={name}
          type="text"
          autoComplete="off"
          autoCapitalize={size === 'short' ? 'characters' : 'off'}
          spellCheck={false}
          translate="no"
          {...(onChange
            ? { value: value ?? '', onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value) }
            : { defaultValue })}
          className={`${BASE} ${SIZES[size]}${className ? ` ${className}` : ''}`}
          data-testid={testId}
        />
      )}
    </Field>
  );
}
