/**
 * What the exhibit form says when an upload fails, in the reader's language: a full storage quota
 * with the sizes the server reported (lib/evidence/check-storage-quota.ts), a full evidence store
 * (507), a connection that kept failing, a file that arrived different, and a refusal (signed out,
 * no longer a party, the case or upload gone). Anything else in the words of the error itself
 * (the server's message, in English).
 */
import { formatBytes } from '@/components/verify/format';
import { isUploadError } from '@/lib/evidence/upload-client';

type PlainKey =
  | 'errors.storeFull'
  | 'errors.network'
  | 'errors.digestMismatch'
  | 'errors.signedOut'
  | 'errors.notAllowed'
  | 'errors.gone';

/** The exhibits.submit translator, narrowed to the keys used here. */
export type UploadErrorTranslator = (
  key: 'errors.quotaPerson' | 'errors.quotaCase' | PlainKey,
  values?: { used: string; allowed: string; size: string },
) => string;

export function uploadErrorMessage(error: unknown, t: UploadErrorTranslator, locale: string): string {
  if (isUploadError(error, 'QUOTA_EXCEEDED')) {
    const { quota, usedBytes, allowedBytes, fileBytes } = error.details ?? {};
    if (
      (quota === 'person' || quota === 'case') &&
      typeof usedBytes === 'number' &&
      typeof allowedBytes === 'number' &&
      typeof fileBytes === 'number'
    ) {
      return t(quota === 'person' ? 'errors.quotaPerson' : 'errors.quotaCase', {
        used: formatBytes(usedBytes, locale),
        allowed: formatBytes(allowedBytes, locale),
        size: formatBytes(fileBytes, locale),
      });
    }
  }
  if (isUploadError(error)) {
    if (error.serverCode === 'INSUFFICIENT_STORAGE') return t('errors.storeFull');
    const key = PLAIN[error.code];
    if (key) return t(key);
  }
  return error instanceof Error ? error.message : String(error);
}

const PLAIN: Partial<Record<string, PlainKey>> = {
  NETWORK: 'errors.network',
  DIGEST_MISMATCH: 'errors.digestMismatch',
  UNAUTHENTICATED: 'errors.signedOut',
  FORBIDDEN: 'errors.notAllowed',
  NOT_FOUND: 'errors.gone',
};
