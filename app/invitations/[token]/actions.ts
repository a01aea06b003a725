'use server';
/** Accepting an invitation: the token in the form is the permission, and it works once. */
import { type AdminFormState, doneState, failedState, formValues } from '@/components/admin/form-state';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';

export async function acceptInvitationAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const { token = '', name = '', password = '' } = formValues(formData, ['token', 'name', 'password']);
  try {
    const { email } = await acceptInvitation(token, { name, password });
    return doneState(previous, 'accepted', { email });
  } catch (error) {
    return failedState(previous, { name }, error);
  }
}
