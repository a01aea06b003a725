/**
 * What the admin page's server action answers its form (useActionState): the values to show
 * again (never the client secret), errors as stable keys the form turns into sentences, and the
 * outcome — saved, or the connection test's result. Pure: imported by the action and the form.
 */
import type { OidcConnectionTest } from '@/lib/auth/oidc/test-oidc-connection';
import { isAppError } from '@/lib/errors/app-error';

export interface OidcFormValues {
  enabled: boolean;
  issuer: string;
  clientId: string;
  emailClaim: string;
  displayNameZh: string;
  displayNameEn: string;
}

export const OIDC_FORM_FIELDS = [
  'issuer',
  'clientId',
  'clientSecret',
  'emailClaim',
  'displayNameZh',
  'displayNameEn',
] as const;
export type OidcFormField = (typeof OIDC_FORM_FIELDS)[number];

export type OidcFormErrorKey = OidcFormField | 'clientSecretUnreadable' | 'FORBIDDEN' | 'UNAVAILABLE';

export interface OidcFormError {
  key: OidcFormErrorKey;
  /** The input the error is about; absent for an error of the whole form. */
  field?: OidcFormField;
}

export interface OidcFormState {
  /** Counts submissions, so the form remounts and the error summary takes focus each time. */
  attempt: number;
  values: OidcFormValues;
  errors: OidcFormError[];
  saved?: boolean;
  test?: OidcConnectionTest;
}

/** The form errors for what setOidcConfig or testOidcConnection threw; null for an unexpected error. */
export function oidcFormErrors(error: unknown): OidcFormError[] | null {
  if (!isAppError(error)) return null;
  if (error.code === 'FORBIDDEN') return [{ key: 'FORBIDDEN' }];
  if (error.code !== 'VALIDATION_FAILED') return null;
  const issues = ((error.details ?? {}) as { issues?: Array<{ path: string; message: string }> }).issues ?? [];
  const errors: OidcFormError[] = [];
  for (const issue of issues) {
    const field = OIDC_FORM_FIELDS.find((f) => f === issue.path);
    if (!field || errors.some((e) => e.field === field)) continue;
    const unreadable = field === 'clientSecret' && issue.message.includes('decrypted');
    errors.push({ key: unreadable ? 'clientSecretUnreadable' : field, field });
  }
  return errors.length > 0 ? errors : null;
}
