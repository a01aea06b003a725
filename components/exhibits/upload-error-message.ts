/**
 * What the exhibit form says when an upload fails: a full storage quota in the reader's language,
 * with the sizes the server reported (lib/evidence/check-storage-quota.ts); any other failure in
 * the words of the error itself.
 */
import { formatBytes } from '@/components/verify/format';
import { isUploadError } from '@/lib/evidence/upload-client';

/** The exhibits.submit translator, narrowed to the two keys used here. */
export type QuotaTranslator = (
  key: 'errors.quotaPerson' | 'errors.quotaCase',
  values: { used: string; allowed: string; size: string },
) => string;

export function uploadErrorMessage(error: unknown, t: QuotaTranslator, locale: string): string {
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
  return error instanceof Error ? error.message : String(error);
}
