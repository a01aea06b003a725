'use server';
import { z } from 'zod';
import { type AccountFormState, accountFormErrors } from '@/components/account/form-state';
import { changeOwnPassword } from '@/lib/auth/change-own-password';
import { getCurrentSessionId, requireUser } from '@/lib/auth/session';
import { updateOwnAccount } from '@/lib/auth/update-own-account';

const ZDetailsForm = z.object({ name: z.string().catch(''), locale: z.string().catch('') });

/** Saves one's own name and e-mail language. */
export async function updateAccountAction(previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await requireUser();
  const values = ZDetailsForm.parse({ name: formData.get('name'), locale: formData.get('locale') });
  const attempt = previous.attempt + 1;
  try {
    const saved = await updateOwnAccount(actor, values);
    return {
      attempt,
      values: { name: saved.name, locale: saved.locale },
      errors: [],
      done: saved.changed ? 'saved' : 'unchanged',
    };
  } catch (error) {
    const errors = accountFormErrors(error);
    if (!errors) console.error(error);
    return { attempt, values, errors: errors ?? [{ key: 'unavailable' }] };
  }
}

const ZPasswordForm = z.object({
  currentPassword: z.string().catch(''),
  password: z.string().catch(''),
  confirmPassword: z.string().catch(''),
});

/** Changes one's own password; the person's other sessions end, this one stays. */
export async function changePasswordAction(previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const actor = await requireUser();
  const form = ZPasswordForm.parse({
    currentPassword: formData.get('currentPassword'),
    password: formData.get('password'),
    confirmPassword: formData.get('confirmPassword'),
  });
  const attempt = previous.attempt + 1;
  const missing = [
    ...(form.currentPassword ? [] : [{ key: 'currentMissing' as const, field: 'currentPassword' }]),
    ...(form.password ? [] : [{ key: 'passwordMissing' as const, field: 'password' }]),
  ];
  if (missing.length > 0) return { attempt, values: {}, errors: missing };
  if (form.password !== form.confirmPassword) {
    return { attempt, values: {}, errors: [{ key: 'confirmMismatch', field: 'confirmPassword' }] };
  }
  try {
    await changeOwnPassword(
      actor,
      { currentPassword: form.currentPassword, newPassword: form.password },
      { keepSessionId: await getCurrentSessionId() },
    );
  } catch (error) {
    const errors = accountFormErrors(error, { newPassword: 'password' });
    if (!errors) console.error(error);
    return { attempt, values: {}, errors: errors ?? [{ key: 'unavailable' }] };
  }
  return { attempt, values: {}, errors: [], done: 'changed' };
}
