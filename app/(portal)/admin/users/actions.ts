'use server';
/** The people pages' forms: invite, disable/enable, change role, send a password-reset link, invitations. */
import { revalidatePath } from 'next/cache';
import { getLocale } from 'next-intl/server';
import { type AdminFormState, doneState, failedState, formValues } from '@/components/admin/form-state';
import { changeAccountRole } from '@/lib/accounts/change-account-role';
import { getAccount } from '@/lib/accounts/list-accounts';
import { setAccountDisabled } from '@/lib/accounts/set-account-disabled';
import { sendPasswordResetLink } from '@/lib/auth/send-password-reset-link';
import { requireUser } from '@/lib/auth/session';
import { inviteStaff } from '@/lib/invitations/invite-staff';
import { resendInvitation, revokeInvitation } from '@/lib/invitations/manage-invitation';

type Input<F extends (...args: never[]) => unknown> = Parameters<F>[1];

/** Invites a judge, clerk, admin or depositor; the mail's language defaults to the page's. */
export async function inviteStaffAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['email', 'name', 'role', 'depositorOrgId', 'locale']);
  try {
    await inviteStaff(actor, {
      ...values,
      depositorOrgId: values.role === 'depositor' ? values.depositorOrgId || undefined : undefined,
      locale: values.locale || (await getLocale()),
    } as Input<typeof inviteStaff>);
    revalidatePath('/admin/invitations');
    return doneState(previous, 'invited', { email: values.email?.trim().toLowerCase() ?? '' });
  } catch (error) {
    return failedState(previous, values, error);
  }
}

export async function setAccountDisabledAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['userId', 'disabled']);
  try {
    const disabled = values.disabled === 'true';
    await setAccountDisabled(actor, { userId: values.userId ?? '', disabled });
    const { name } = await getAccount(actor, values.userId ?? '');
    revalidatePath('/admin/users');
    revalidatePath(`/admin/users/${values.userId}`);
    return doneState(previous, disabled ? 'disabled' : 'enabled', { name });
  } catch (error) {
    return failedState(previous, values, error);
  }
}

export async function changeAccountRoleAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['userId', 'role', 'depositorOrgId']);
  try {
    const { changed } = await changeAccountRole(actor, {
      userId: values.userId,
      role: values.role,
      depositorOrgId: values.role === 'depositor' ? values.depositorOrgId || undefined : undefined,
    } as Input<typeof changeAccountRole>);
    const { name } = await getAccount(actor, values.userId ?? '');
    revalidatePath('/admin/users');
    revalidatePath(`/admin/users/${values.userId}`);
    return doneState(previous, changed ? 'roleChanged' : 'unchanged', { name }, values);
  } catch (error) {
    return failedState(previous, values, error);
  }
}

export async function sendPasswordResetAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['userId']);
  try {
    await sendPasswordResetLink(actor, values.userId ?? '');
    const { name } = await getAccount(actor, values.userId ?? '');
    return doneState(previous, 'resetSent', { name });
  } catch (error) {
    return failedState(previous, values, error);
  }
}

export async function resendInvitationAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['invitationId', 'email']);
  try {
    await resendInvitation(actor, values.invitationId ?? '');
    revalidatePath('/admin/invitations');
    return doneState(previous, 'resent', { email: values.email ?? '' });
  } catch (error) {
    return failedState(previous, values, error);
  }
}

export async function revokeInvitationAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['invitationId', 'email']);
  try {
    await revokeInvitation(actor, values.invitationId ?? '');
    revalidatePath('/admin/invitations');
    return doneState(previous, 'invitationRevoked', { email: values.email ?? '' });
  } catch (error) {
    return failedState(previous, values, error);
  }
}
