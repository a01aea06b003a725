/**
 * What the evidence exchange's server actions (and the judge's determination) answer their forms
 * (useActionState): the values to show again, and errors as stable keys that the form turns into
 * sentences in the reader's language (messages exchange.errors) — never the domain's English
 * words, never the browser's own tooltip. Pure: imported by the actions (server) and the forms.
 */
import { isAppError } from '@/lib/errors/app-error';

export type ExchangeErrorKey =
  | 'POSITION_MISSING'
  | 'REASONS_REQUIRED'
  | 'REASONS_TOO_LONG'
  | 'TEXT_INVALID'
  | 'COUNTER_EXHIBIT'
  | 'REPLY_MISSING'
  | 'REPLY_TOO_LONG'
  | 'DATE_INVALID'
  | 'OUTCOME_MISSING'
  | 'REASONING_MISSING'
  | 'REASONING_TOO_LONG'
  | 'ANSWERS_INVALID'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'SESSION'
  | 'UNAVAILABLE';

export const EXCHANGE_ASPECTS = ['authenticity', 'legality', 'relevance'] as const;
export type ExchangeAspect = (typeof EXCHANGE_ASPECTS)[number];

export interface ExchangeFormError {
  key: ExchangeErrorKey;
  /** The form field (input name) the error is about; absent for an error of the whole form. */
  field?: string;
  /** For errors about one aspect of an opinion: which. */
  aspect?: ExchangeAspect;
}

export interface ExchangeFormState<V> {
  /** Counts submissions, so the form can remount and the error summary take focus each time. */
  attempt: number;
  values: V;
  errors: ExchangeFormError[];
  /** The last submission was recorded. */
  done?: boolean;
}

/** The order of the fields on the page, which the error summary follows. */
const FIELD_ORDER = [
  ...EXCHANGE_ASPECTS.flatMap((a) => [a, `${a}Reasons`]),
  'counterExhibitId',
  'reasons',
  'date',
  'outcome',
  'reasoning',
  'answers',
];

function aspectOf(field: string): ExchangeAspect | undefined {
  return EXCHANGE_ASPECTS.find((a) => field === a || field === `${a}Reasons`);
}

/** The error for one issue of VALIDATION_FAILED (its path's first part and zod's code). */
function issueError(field: string, code: string): ExchangeFormError | null {
  const aspect = aspectOf(field);
  if (aspect && field === aspect) return { key: 'POSITION_MISSING', field, aspect };
  if (aspect) {
    const key =
      code === 'too_big' ? 'REASONS_TOO_LONG' : code === 'invalid_format' ? 'TEXT_INVALID' : 'REASONS_REQUIRED';
    return { key, field, aspect };
  }
  switch (field) {
    case 'counterExhibitId':
      return { key: 'COUNTER_EXHIBIT', field };
    case 'reasons':
      return {
        key: code === 'too_big' ? 'REPLY_TOO_LONG' : code === 'invalid_format' ? 'TEXT_INVALID' : 'REPLY_MISSING',
        field,
      };
    case 'date':
      return { key: 'DATE_INVALID', field };
    case 'outcome':
      return { key: 'OUTCOME_MISSING', field };
    case 'reasoning':
      return {
        key:
          code === 'too_big' ? 'REASONING_TOO_LONG' : code === 'invalid_format' ? 'TEXT_INVALID' : 'REASONING_MISSING',
        field,
      };
    case 'answers':
      return { key: 'ANSWERS_INVALID', field };
    default:
      return null;
  }
}

/** The form errors for what a domain function threw; `null` for an unexpected error (log it). */
export function exchangeFormErrors(error: unknown): ExchangeFormError[] | null {
  if (!isAppError(error)) return null;
  if (error.code === 'VALIDATION_FAILED') {
    const issues = (error.details as { issues?: Array<{ path?: string; code?: string }> } | undefined)?.issues ?? [];
    const errors: ExchangeFormError[] = [];
    for (const issue of issues) {
      const found = issueError((issue.path ?? '').split(/[.[]/)[0] ?? '', issue.code ?? '');
      if (found && !errors.some((e) => e.field === found.field)) errors.push(found);
    }
    errors.sort((a, b) => FIELD_ORDER.indexOf(a.field ?? '') - FIELD_ORDER.indexOf(b.field ?? ''));
    return errors.length > 0 ? errors : [{ key: 'UNAVAILABLE' }];
  }
  if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND') return [{ key: error.code }];
  if (error.code === 'UNAUTHENTICATED') return [{ key: 'SESSION' }];
  return null;
}
