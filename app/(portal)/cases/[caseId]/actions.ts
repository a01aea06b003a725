'use server';
/**
 * Server actions of the case and exhibit pages. Thin: the domain functions check who may do
 * what and validate their input; these only find the signed-in user and shape the answer.
 */
import { revalidatePath } from 'next/cache';
import { type ExchangeFormState, exchangeFormErrors } from '@/components/exchange/exchange-form-state';
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

export type DeterminationFormState = ExchangeFormState<{ outcome: string; reasoning: string; answers: string[] }>;

/**
 * Records the judge's determination, with the opinions it answers (issue #17). Errors come back
 * as keys the form writes in the reader's language, in its own error summary.
 */
export async function recordDeterminationAction(
  exhibitId: string,
  previous: DeterminationFormState,
  form: FormData,
): Promise<DeterminationFormState> {
  const values = {
    outcome: typeof form.get('outcome') === 'string' ? String(form.get('outcome')) : '',
    reasoning: typeof form.get('reasoning') === 'string' ? String(form.get('reasoning')) : '',
    answers: form.getAll('answers').filter((v): v is string => typeof v === 'string'),
  };
  const judge = await getCurrentUser();
  if (!judge) return { attempt: previous.attempt + 1, values, errors: [{ key: 'SESSION' }] };
  try {
    await recordDetermination(judge, exhibitId, values);
    revalidatePath('/cases', 'layout');
    return {
      attempt: previous.attempt + 1,
      values: { outcome: '', reasoning: '', answers: [] },
      errors: [],
      done: true,
    };
  } catch (error) {
    const errors = exchangeFormErrors(error);
    if (!errors) console.error(error);
    return { attempt: previous.attempt + 1, values, errors: errors ?? [{ key: 'UNAVAILABLE' }] };
  }
}
