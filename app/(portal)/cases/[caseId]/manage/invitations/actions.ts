'use server';
/** A clerk adds a party to a case by e-mail: added at once if the address has an account, else invited. */
import { revalidatePath } from 'next/cache';
import { getLocale } from 'next-intl/server';
import { type AdminFormState, doneState, failedState, formValues } from '@/components/admin/form-state';
import { requireUser } from '@/lib/auth/session';
import { inviteCaseParty } from '@/lib/invitations/invite-case-party';
import { resendInvitation, revokeInvitation } from '@/lib/invitations/manage-invitation';

export async function inviteCasePartyAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['caseId', 'email', 'name', 'caseRole', 'locale']);
  const { caseId = '', ...input } = values;
  try {
    const result = await inviteCaseParty(actor, caseId, {
      ...input,
      locale: input.locale || (await getLocale()),
    } as Parameters<typeof inviteCaseParty>[2]);
    revalidatePath(`/cases/${caseId}/manage`);
    revalidatePath(`/cases/${caseId}`);
    return result.kind === 'added'
      ? doneState(previous, 'partyAdded', { name: result.name })
      : doneState(previous, 'partyInvited', { email: input.email?.trim().toLowerCase() ?? '' });
  } catch (error) {
    return failedState(previous, input, error);
  }
}

export async function resendCaseInvitationAction(
  previous: AdminFormState,
  formData: FormData,
): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['caseId', 'invitationId', 'email']);
  try {
    await resendInvitation(actor, values.invitationId ?? '');
    revalidatePath(`/cases/${values.caseId}/manage`);
    return doneState(previous, 'resent', { email: values.email ?? '' });
  } catch (error) {
    return failedState(previous, values, error);
  }
}

export async function revokeCaseInvitationAction(
  previous: AdminFormState,
  formData: FormData,
): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['caseId', 'invitationId', 'email']);
  try {
    await revokeInvitation(actor, values.invitationId ?? '');
    revalidatePath(`/cases/${values.caseId}/manage`);
    return doneState(previous, 'invitationRevoked', { email: values.email ?? '' });
  } catch (error) {
    return failedState(previous, values, error);
  }
}
