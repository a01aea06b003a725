'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type DocketFormState, docketFormErrors } from '@/components/cases/docket-form-state';
import { requireUser } from '@/lib/auth/session';
import { addCaseMember } from '@/lib/cases/add-case-member';
import { removeCaseMember } from '@/lib/cases/remove-case-member';
import { updateCase } from '@/lib/cases/update-case';

export type CaseDetailsValues = { title: string; causeOfAction: string; status: string };
export type CaseDetailsState = DocketFormState<CaseDetailsValues>;
export type CaseMemberValues = { userId: string; role: string };
export type CaseMemberState = DocketFormState<CaseMemberValues>;

// The forms' shapes; the domain functions validate the content (lengths, status and role
// values, IDs) with their own schemas, hence the casts to their input types below.
const text = z.string().catch('');
const ZDetailsForm = z.object({ caseId: text, title: text, causeOfAction: text, status: text });
const ZMemberForm = z.object({ caseId: text, userId: text, role: text });

function fields<T extends z.ZodObject>(schema: T, formData: FormData): z.output<T> {
  return schema.parse(Object.fromEntries(Object.keys(schema.shape).map((k) => [k, formData.get(k)])));
}

function failed<V>(previous: DocketFormState<V>, values: V, error: unknown): DocketFormState<V> {
  const errors = docketFormErrors(error);
  if (!errors) console.error(error);
  return { attempt: previous.attempt + 1, values, errors: errors ?? [{ key: 'UNAVAILABLE' }] };
}

function refresh(caseId: string): void {
  revalidatePath(`/cases/${caseId}/manage`);
  revalidatePath(`/cases/${caseId}`);
}

/** Saves a case's title, cause of action and status. */
export async function updateCaseAction(previous: CaseDetailsState, formData: FormData): Promise<CaseDetailsState> {
  const actor = await requireUser();
  const { caseId, ...values } = fields(ZDetailsForm, formData);
  try {
    const { changed } = await updateCase(actor, caseId, values as Parameters<typeof updateCase>[2]);
    refresh(caseId);
    return { attempt: previous.attempt + 1, values, errors: [], done: { key: changed.length ? 'saved' : 'unchanged' } };
  } catch (error) {
    return failed(previous, values, error);
  }
}

/** Assigns a person to the case in a role. */
export async function addCaseMemberAction(previous: CaseMemberState, formData: FormData): Promise<CaseMemberState> {
  const actor = await requireUser();
  const { caseId, ...values } = fields(ZMemberForm, formData);
  try {
    const added = await addCaseMember(actor, caseId, values as Parameters<typeof addCaseMember>[2]);
    refresh(caseId);
    const empty = { userId: '', role: '' };
    return {
      attempt: previous.attempt + 1,
      values: empty,
      errors: [],
      done: { key: 'added', name: added.name, role: added.role },
    };
  } catch (error) {
    return failed(previous, values, error);
  }
}

/** Ends a person's assignment to the case in one role. */
export async function removeCaseMemberAction(previous: CaseMemberState, formData: FormData): Promise<CaseMemberState> {
  const actor = await requireUser();
  const { caseId, ...values } = fields(ZMemberForm, formData);
  try {
    const removed = await removeCaseMember(actor, caseId, values as Parameters<typeof removeCaseMember>[2]);
    refresh(caseId);
    return {
      attempt: previous.attempt + 1,
      values,
      errors: [],
      done: { key: 'removed', name: removed.name, role: removed.role },
    };
  } catch (error) {
    return failed(previous, values, error);
  }
}
