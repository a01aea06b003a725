'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { type DocketFormState, docketFormErrors } from '@/components/cases/docket-form-state';
import { requireUser } from '@/lib/auth/session';
import { createCase } from '@/lib/cases/create-case';

export type NewCaseValues = { caseNumber: string; title: string; causeOfAction: string };
export type NewCaseState = DocketFormState<NewCaseValues>;

// The form's shape; createCase validates the content (case number form, lengths) with its own schema.
const ZNewCaseForm = z.object({
  caseNumber: z.string().catch(''),
  title: z.string().catch(''),
  causeOfAction: z.string().catch(''),
});

/** Opens a case on the clerk's docket and goes to it; otherwise shows the form again with its errors. */
export async function createCaseAction(previous: NewCaseState, formData: FormData): Promise<NewCaseState> {
  const actor = await requireUser();
  const values = ZNewCaseForm.parse({
    caseNumber: formData.get('caseNumber'),
    title: formData.get('title'),
    causeOfAction: formData.get('causeOfAction'),
  });
  let caseId: string;
  try {
    caseId = (await createCase(actor, values)).id;
  } catch (error) {
    const errors = docketFormErrors(error);
    if (!errors) console.error(error);
    return { attempt: previous.attempt + 1, values, errors: errors ?? [{ key: 'UNAVAILABLE' }] };
  }
  redirect(`/cases/${caseId}`);
}
