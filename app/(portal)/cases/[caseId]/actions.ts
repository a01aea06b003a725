'use server';
/**
 * Server actions of the case and exhibit pages. Thin: the domain functions check who may do
 * what and validate their input; these only find the signed-in user and shape the answer.
 */
import { revalidatePath } from 'next/cache';
import { getCurrentUser } from '@/lib/auth/session';
import { type ActionResult, toActionResult } from '@/lib/errors/action-result';
import { AppError } from '@/lib/errors/app-error';
import { recordDetermination } from '@/lib/exhibits/record-determination';
import { type RecordedVerification, recordBrowserVerification } from '@/lib/exhibits/record-verification';
import { type SubmittedExhibit, submitFileExhibit, submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';

async function actor() {
  const user = await getCurrentUser();
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended: sign in again.');
  return user;
}

export async function submitFileExhibitAction(caseId: string, input: unknown): Promise<ActionResult<SubmittedExhibit>> {
  return toActionResult(async () => {
    const result = await submitFileExhibit(await actor(), caseId, input);
    revalidatePath(`/cases/${result.caseId}`);
    return result;
  });
}

export async function submitHashOnlyExhibitAction(
  caseId: string,
  input: unknown,
): Promise<ActionResult<SubmittedExhibit>> {
  return toActionResult(async () => {
    const result = await submitHashOnlyExhibit(await actor(), caseId, input);
    revalidatePath(`/cases/${result.caseId}`);
    return result;
  });
}

export async function recordBrowserVerificationAction(
  exhibitId: string,
  input: unknown,
): Promise<ActionResult<RecordedVerification>> {
  return toActionResult(() => actor().then((a) => recordBrowserVerification(a, exhibitId, input)));
}

export interface DeterminationFormState {
  result?: ActionResult<{ outcome: string }>;
}

export async function recordDeterminationAction(
  exhibitId: string,
  _previous: DeterminationFormState,
  form: FormData,
): Promise<DeterminationFormState> {
  const result = await toActionResult(async () => {
    const recorded = await recordDetermination(await actor(), exhibitId, {
      outcome: form.get('outcome') ?? '',
      reasoning: form.get('reasoning') ?? '',
    });
    revalidatePath('/cases', 'layout');
    return { outcome: recorded.outcome };
  });
  return { result };
}
