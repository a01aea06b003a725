'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { LookupError, LookupState } from '@/components/certificate-check/lookup-state';
import { requestClientAddress } from '@/lib/auth/request-client-address';
import { findCertificateByCode } from '@/lib/certificates/find-certificate-by-code';
import { isAppError } from '@/lib/errors/app-error';

const ZForm = z.object({ number: z.string().max(100).catch(''), code: z.string().max(100).catch('') });

function errorsOf(error: unknown): LookupError[] | null {
  if (isAppError(error, 'NOT_FOUND')) return [{ key: 'notFound', field: 'number' }];
  if (isAppError(error, 'RATE_LIMITED')) {
    const seconds = Number(error.details?.retryAfterSeconds ?? 60);
    return [{ key: 'rateLimited', minutes: Math.max(1, Math.ceil(seconds / 60)) }];
  }
  if (isAppError(error, 'VALIDATION_FAILED')) {
    const paths = ((error.details?.issues ?? []) as Array<{ path: string }>).map((issue) => issue.path);
    const out: LookupError[] = [];
    if (paths.includes('number')) out.push({ key: 'numberFormat', field: 'number' });
    if (paths.includes('code')) out.push({ key: 'codeFormat', field: 'code' });
    return out.length > 0 ? out : null;
  }
  return null;
}

/** /certificates: the number and check code printed on a certificate → that certificate's page (code in `#code=`). */
export async function lookupCertificateAction(previous: LookupState, formData: FormData): Promise<LookupState> {
  const values = ZForm.parse({ number: formData.get('number'), code: formData.get('code') });
  const attempt = previous.attempt + 1;
  const missing: LookupError[] = [
    ...(values.number.trim() ? [] : [{ key: 'numberMissing', field: 'number' } as const]),
    ...(values.code.trim() ? [] : [{ key: 'codeMissing', field: 'code' } as const]),
  ];
  if (missing.length > 0) return { attempt, values, errors: missing };
  let id: string;
  let code: string;
  try {
    ({ id, code } = await findCertificateByCode(values, { clientAddress: await requestClientAddress() }));
  } catch (error) {
    const errors = errorsOf(error);
    if (!errors) console.error(error);
    return { attempt, values, errors: errors ?? [{ key: 'unavailable' }] };
  }
  // The code travels on in the fragment, which the browser keeps to itself: the page's own check
  // needs it to fetch the signed file (names in full) for a visitor who is not a person of the case.
  redirect(`/certificates/${id}#code=${code}`);
}
