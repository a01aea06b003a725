/**
 * What the account and password-reset server actions answer their forms (useActionState): the
 * values to show again (never a password), and errors as stable keys the form turns into
 * sentences in the reader's language (messages `account.errors` and `passwordReset.errors`).
 * Pure: imported by the actions (server) and the forms (client).
 */
import { isAppError } from '@/lib/errors/app-error';

export type AccountErrorKey =
  | 'emailMissing'
  | 'emailInvalid'
  | 'nameMissing'
  | 'nameTooLong'
  | 'textInvalid'
  | 'localeMissing'
  | 'currentMissing'
  | 'currentWrong'
  | 'passwordMissing'
  | 'passwordTooShort'
  | 'passwordTooLong'
  | 'passwordCommon'
  | 'confirmMismatch'
  | 'rateLimited'
  | 'unavailable';

export interface AccountFormError {
  key: AccountErrorKey;
  /** The input (name and id) the error is about; absent for an error of the whole form. */
  field?: string;
  /** For rateLimited: minutes to wait. */
  minutes?: number;
}

export interface AccountFormState {
  /** Counts submissions, so the form can remount and the error summary take focus each time. */
  attempt: number;
  values: Record<string, string>;
  errors: AccountFormError[];
  /** What the last successful submission did. */
  done?: 'sent' | 'saved' | 'unchanged' | 'changed' | 'reset';
  /** Why a password-reset link no longer works (LINK_EXPIRED, LINK_USED, LINK_INVALID). */
  problem?: string;
}

export const initialFormState = (values: Record<string, string> = {}): AccountFormState => ({
  attempt: 0,
  values,
  errors: [],
});

/** The key for a zod issue about a new password (ZNewPassword). */
function newPasswordKey(code: string, message: string): AccountErrorKey {
  if (code === 'too_big') return 'passwordTooLong';
  if (code === 'too_small') return 'passwordTooShort';
  if (/common/.test(message)) return 'passwordCommon';
  return 'passwordMissing';
}

const FIELD_KEYS: Record<string, (code: string, message: string) => AccountErrorKey> = {
  email: () => 'emailInvalid',
  // invalid_format: a character lib/text/plain-text.ts refuses (a control or text-direction character).
  name: (code) => (code === 'too_big' ? 'nameTooLong' : code === 'invalid_format' ? 'textInvalid' : 'nameMissing'),
  locale: () => 'localeMissing',
  currentPassword: () => 'currentMissing',
  password: newPasswordKey,
  newPassword: newPasswordKey,
};

/**
 * The form errors for what a domain function threw; `null` for an unexpected error (log it).
 * `fieldFor` renames a domain field to the form's input (e.g. newPassword → password).
 */
export function accountFormErrors(error: unknown, fieldFor: Record<string, string> = {}): AccountFormError[] | null {
  if (!isAppError(error)) return null;
  const details = (error.details ?? {}) as { reason?: unknown; issues?: unknown; retryAfterSeconds?: unknown };
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(details.issues)) {
    const errors: AccountFormError[] = [];
    for (const issue of details.issues as Array<{ path: string; code?: string; message: string }>) {
      const domainField = issue.path.split('.')[0] ?? '';
      const toKey = FIELD_KEYS[domainField];
      const field = fieldFor[domainField] ?? domainField;
      if (toKey && !errors.some((e) => e.field === field))
        errors.push({ key: toKey(issue.code ?? '', issue.message), field });
    }
    return errors.length > 0 ? errors : [{ key: 'unavailable' }];
  }
  if (error.code === 'RATE_LIMITED') {
    const seconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 60;
    return [{ key: 'rateLimited', minutes: Math.max(1, Math.ceil(seconds / 60)) }];
  }
  if (details.reason === 'CURRENT_PASSWORD_WRONG') return [{ key: 'currentWrong', field: 'currentPassword' }];
  return null;
}
