/**
 * What the docket's server actions answer to their forms (useActionState): the values to show
 * again, and errors as stable keys the form turns into sentences in the reader's language.
 * Pure: imported by the actions (server) and the forms (client).
 */
import type { CaseRole } from '@/lib/db/generated/enums';
import { isAppError } from '@/lib/errors/app-error';

/** The roles of a case in the order the docket lists them. */
export const CASE_ROLE_ORDER = ['plaintiff', 'defendant', 'judge', 'clerk'] as const satisfies readonly CaseRole[];

export type DocketErrorKey =
  | 'CASE_NUMBER_MISSING'
  | 'CASE_NUMBER_FORMAT'
  | 'CASE_NUMBER_TAKEN'
  | 'TITLE_MISSING'
  | 'TITLE_TOO_LONG'
  | 'CAUSE_MISSING'
  | 'CAUSE_TOO_LONG'
  | 'TEXT_INVALID'
  | 'STATUS_INVALID'
  | 'PERSON_MISSING'
  | 'ROLE_MISSING'
  | 'ROLE_MISMATCH'
  | 'ALREADY_MEMBER'
  | 'BOTH_PARTIES'
  | 'HAS_EXHIBITS'
  | 'NOT_MEMBER'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UNAVAILABLE';

export interface DocketFormError {
  key: DocketErrorKey;
  /** The form field (input name) the error is about; absent for an error of the whole form. */
  field?: string;
  role?: CaseRole;
  caseNumber?: string;
}

export interface DocketFormState<V> {
  /** Counts submissions, so the form can remount and the error summary take focus each time. */
  attempt: number;
  values: V;
  errors: DocketFormError[];
  /** What the last successful submission did, for a confirmation line. */
  done?: { key: 'saved' | 'unchanged' | 'added' | 'removed'; name?: string; role?: CaseRole };
}

const ISSUE_KEYS: Record<string, (code: string) => DocketErrorKey> = {
  caseNumber: (code) => (code === 'too_small' ? 'CASE_NUMBER_MISSING' : 'CASE_NUMBER_FORMAT'),
  // invalid_format: a character lib/text/plain-text.ts refuses (a control or text-direction character).
  title: (code) =>
    code === 'too_big' ? 'TITLE_TOO_LONG' : code === 'invalid_format' ? 'TEXT_INVALID' : 'TITLE_MISSING',
  causeOfAction: (code) =>
    code === 'too_big' ? 'CAUSE_TOO_LONG' : code === 'invalid_format' ? 'TEXT_INVALID' : 'CAUSE_MISSING',
  status: () => 'STATUS_INVALID',
  userId: () => 'PERSON_MISSING',
  role: () => 'ROLE_MISSING',
};

const REASONS: readonly DocketErrorKey[] = [
  'CASE_NUMBER_TAKEN',
  'ROLE_MISMATCH',
  'ALREADY_MEMBER',
  'BOTH_PARTIES',
  'HAS_EXHIBITS',
  'NOT_MEMBER',
];

/** The form errors for what a docket domain function threw; `null` for an unexpected error. */
export function docketFormErrors(error: unknown): DocketFormError[] | null {
  if (!isAppError(error)) return null;
  const details = (error.details ?? {}) as { reason?: unknown; role?: CaseRole; caseNumber?: string; issues?: unknown };
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(details.issues)) {
    const errors: DocketFormError[] = [];
    for (const issue of details.issues as Array<{ path: string; code: string }>) {
      const field = issue.path.split('.')[0] ?? '';
      const toKey = ISSUE_KEYS[field];
      if (toKey && !errors.some((e) => e.field === field)) errors.push({ key: toKey(issue.code), field });
    }
    return errors.length > 0 ? errors : [{ key: 'UNAVAILABLE' }];
  }
  const reason = REASONS.find((r) => r === details.reason);
  if (reason) {
    const field = reason === 'CASE_NUMBER_TAKEN' ? 'caseNumber' : reason === 'ROLE_MISMATCH' ? 'userId' : undefined;
    return [{ key: reason, field, role: details.role, caseNumber: details.caseNumber }];
  }
  if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND') return [{ key: error.code }];
  return null;
}
