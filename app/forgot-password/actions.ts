'use server';
import { z } from 'zod';
import { type AccountFormState, accountFormErrors } from '@/components/account/form-state';
import { requestClientAddress } from '@/lib/auth/request-client-address';
import { requestPasswordReset } from '@/lib/auth/request-password-reset';

const ZForm = z.object({ email: z.string().catch('') });

/** "Forgot password?": the same answer whether or not the address has an account (lib/auth/request-password-reset.ts). */
export async function requestResetAction(previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const { email } = ZForm.parse({ email: formData.get('email') });
  const attempt = previous.attempt + 1;
  const values = { email: email.trim() };
  if (!values.email) return { attempt, values, errors: [{ key: 'emailMissing', field: 'email' }] };
  try {
    await requestPasswordReset({ email: values.email }, { clientAddress: await requestClientAddress() });
  } catch (error) {
    const errors = accountFormErrors(error);
    if (!errors) console.error(error);
    return { attempt, values, errors: errors ?? [{ key: 'unavailable' }] };
  }
  return { attempt, values, errors: [], done: 'sent' };
}
