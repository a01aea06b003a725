/**
 * The lookup form's state (/certificates), what its server action returns to useActionState:
 * the values typed and the errors, each a message key of `certificateLookup.errors`.
 */
export type LookupErrorKey =
  | 'numberMissing'
  | 'numberFormat'
  | 'codeMissing'
  | 'codeFormat'
  | 'notFound'
  | 'rateLimited'
  | 'unavailable';

export interface LookupError {
  key: LookupErrorKey;
  /** The field the error is about; none for an error of the whole form. */
  field?: 'number' | 'code';
  minutes?: number;
}

export interface LookupState {
  attempt: number;
  values: { number: string; code: string };
  errors: LookupError[];
}

export const INITIAL_LOOKUP_STATE: LookupState = { attempt: 0, values: { number: '', code: '' }, errors: [] };
