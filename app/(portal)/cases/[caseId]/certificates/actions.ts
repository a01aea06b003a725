'use server';
/**
 * Server actions of the certificate sections on the case and exhibit pages (issue #6). Thin: the
 * domain functions check who may do what (clerks of the court: `certify`) and validate input.
 * Each is a form action for useActionState, so the forms also work without JavaScript.
 */
import { revalidatePath } from 'next/cache';
import { getCurrentUser } from '@/lib/auth/session';
import { type CaseCertificatesIssued, issueCaseCertificates } from '@/lib/certificates/issue-case-certificates';
import { issueCertificate } from '@/lib/certificates/issue-certificate';
import { revokeCertificate } from '@/lib/certificates/revoke-certificate';
import { type ActionResult, toActionResult } from '@/lib/errors/action-result';
import { AppError } from '@/lib/errors/app-error';

async function actor() {
  const user = await getCurrentUser();
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended: sign in again.');
  return user;
}

export interface IssueCertificateState {
  result?: ActionResult<{ id: string; number: string }>;
}

export async function issueCertificateAction(
  exhibitId: string,
  _previous: IssueCertificateState,
  _form: FormData,
): Promise<IssueCertificateState> {
  const result = await toActionResult(async () => {
    const issued = await issueCertificate(await actor(), exhibitId);
    revalidatePath('/cases', 'layout');
    return issued;
  });
  return { result };
}

export interface IssueCaseCertificatesState {
  result?: ActionResult<CaseCertificatesIssued>;
}

export async function issueCaseCertificatesAction(
  caseId: string,
  _previous: IssueCaseCertificatesState,
  _form: FormData,
): Promise<IssueCaseCertificatesState> {
  const result = await toActionResult(async () => {
    const outcome = await issueCaseCertificates(await actor(), caseId);
    revalidatePath('/cases', 'layout');
    return outcome;
  });
  return { result };
}

export interface RevokeCertificateState {
  result?: ActionResult<{ number: string }>;
}

export async function revokeCertificateAction(
  certificateId: string,
  _previous: RevokeCertificateState,
  form: FormData,
): Promise<RevokeCertificateState> {
  const result = await toActionResult(async () => {
    const user = await actor();
    // Revocation cannot be undone: the form asks for an explicit confirmation.
    if (form.get('confirm') !== 'yes') {
      throw new AppError('VALIDATION_FAILED', 'Confirm that the certificate is to be revoked.');
    }
    const revoked = await revokeCertificate(user, certificateId, { reason: form.get('reason') ?? '' });
    revalidatePath('/cases', 'layout');
    return { number: revoked.number };
  });
  return { result };
}
