'use server';
import { z } from 'zod';
import { type AccountFormState, accountFormErrors } from '@/components/account/form-state';
import { resetPassword } from '@/lib/auth/reset-password';
import { isAppError } from '@/lib/errors/app-error';

const ZForm = z.object({
  token: z.string().catch(''),
  password: z.string().catch(''),
  confirmPassword: z.string().catch(''),
});

/** Sets the new password through a reset link; the page shows why when the link no longer works. */
export async function resetPasswordAction(previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const form = ZForm.parse({
    token: formData.get('token'),
    password: formData.get('password'),
    confirmPassword: formData.get('confirmPassword'),
  });
  const attempt = previous.attempt + 1;
  if (!form.password) return { attempt, values: {}, errors: [{ key: 'passwordMissing', field: 'password' }] };
  if (form.password !== form.confirmPassword) {
    return { attempt, values: {}, errors: [{ key: 'confirmMismatch', field: 'confirmPassword' }] };
  }
  try {
    await resetPassword({ token: form.token, password: form.password });
  } catch (error) {
    const reason = isAppError(error) ? (error.details?.reason as string | undefined) : undefined;
    if (reason?.startsWith('LINK_')) return { attempt, values: {}, errors: [], problem: reason };
    const errors = accountFormErrors(error);
    if (!errors) console.error(error);
    return { attempt, values: {}, errors: errors ?? [{ key: 'unavailable' }] };
  }
  return { attempt, values: {}, errors: [], done: 'reset' };
}
