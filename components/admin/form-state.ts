/**
 * What the admin, setup and invitation forms' server actions answer (useActionState): the values
 * to show again, errors as stable keys the form turns into sentences in the reader's language
 * (messages `admin.errors`), and what a successful submission did (`admin.done`). Pure: imported
 * by the actions (server) and the forms (client).
 */
import { isAppError } from '@/lib/errors/app-error';

export interface AdminFormError {
  /** `field.<name>`, `reason.<REASON>`, or a code: FORBIDDEN, NOT_FOUND, UNAVAILABLE. */
  key: string;
  /** The input the error is about; absent for an error of the whole form. */
  field?: string;
}

export interface AdminFormState {
  /** Counts submissions, so the form remounts and the error summary takes focus each time. */
  attempt: number;
  values: Record<string, string>;
  errors: AdminFormError[];
  done?: { key: string; params?: Record<string, string> };
}

export const INITIAL_FORM_STATE: AdminFormState = { attempt: 0, values: {}, errors: [] };

/** Fields whose errors have their own sentence; other inputs' errors read "check this field". */
export const KNOWN_FIELDS = [
  'email',
  'name',
  'role',
  'depositorOrgId',
  'locale',
  'password',
  'nameZh',
  'nameEn',
  'code',
  'publicUrl',
  'label',
  'publicKey',
  'algorithm',
  'caseRole',
  'ratePerMinute',
  'burst',
  'dailyQuota',
] as const;

/** Free-text fields: an `invalid_format` issue on one is a character lib/text/plain-text.ts refuses. */
const TEXT_FIELDS = new Set(['name', 'nameZh', 'nameEn', 'label', 'displayNameZh', 'displayNameEn', 'clientId']);

/** Reasons the domain gives in `details.reason` that the forms explain. */
export const KNOWN_REASONS = [
  'LINK_INVALID',
  'LINK_USED',
  'LINK_EXPIRED',
  'LINK_REVOKED',
  'EMAIL_TAKEN',
  'ALREADY_INVITED',
  'LAST_ADMIN',
  'PARTY_ROLE_FIXED',
  'IN_CASES',
  'CODE_TAKEN',
  'ORG_NAME_TAKEN',
  'KEY_TAKEN',
  'ROLE_MISMATCH',
  'ALREADY_MEMBER',
  'BOTH_PARTIES',
] as const;

const FIELD_ALIASES: Record<string, string> = { adminName: 'name', adminEmail: 'email' };
const REASON_FIELDS: Record<string, string> = {
  EMAIL_TAKEN: 'email',
  ALREADY_INVITED: 'email',
  CODE_TAKEN: 'code',
  ORG_NAME_TAKEN: 'name',
  KEY_TAKEN: 'publicKey',
  ROLE_MISMATCH: 'email',
  ALREADY_MEMBER: 'email',
};

/** The form errors for what a domain function threw; `null` for an unexpected error (logged by the caller). */
export function adminFormErrors(error: unknown): AdminFormError[] | null {
  if (!isAppError(error)) return null;
  const details = (error.details ?? {}) as { reason?: unknown; issues?: unknown };
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(details.issues)) {
    const errors: AdminFormError[] = [];
    for (const issue of details.issues as Array<{ path: string; code?: string }>) {
      const raw = issue.path.split('.')[0] ?? '';
      const field = FIELD_ALIASES[raw] ?? raw;
      if (errors.some((e) => e.field === field)) continue;
      if (issue.code === 'invalid_format' && TEXT_FIELDS.has(field)) {
        errors.push({ key: 'textInvalid', field });
        continue;
      }
      const known = (KNOWN_FIELDS as readonly string[]).includes(field);
      errors.push({ key: known ? `field.${field}` : 'field.other', field: field || undefined });
    }
    return errors.length > 0 ? errors : [{ key: 'UNAVAILABLE' }];
  }
  const reason = KNOWN_REASONS.find((r) => r === details.reason);
  if (reason) return [{ key: `reason.${reason}`, field: REASON_FIELDS[reason] }];
  if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND') return [{ key: error.code }];
  return null;
}

/** The next state after a failed submission. */
export function failedState(previous: AdminFormState, values: Record<string, string>, error: unknown): AdminFormState {
  const errors = adminFormErrors(error);
  if (!errors) console.error(error);
  return { attempt: previous.attempt + 1, values, errors: errors ?? [{ key: 'UNAVAILABLE' }] };
}

/** The next state after a successful one (the form is emptied unless `values` are given). */
export function doneState(
  previous: AdminFormState,
  key: string,
  params?: Record<string, string>,
  values: Record<string, string> = {},
): AdminFormState {
  return { attempt: previous.attempt + 1, values, errors: [], done: { key, params } };
}

/** The form's fields as strings (missing ones empty); files and repeated names are not used here. */
export function formValues(formData: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((n) => {
      const v = formData.get(n);
      return [n, typeof v === 'string' ? v : ''];
    }),
  );
}
