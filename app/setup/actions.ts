'use server';
/** The setup page's form: the court and its first administrator, with the link's token. */
import { getLocale } from 'next-intl/server';
import { type AdminFormState, doneState, failedState, formValues } from '@/components/admin/form-state';
import { completeSetup } from '@/lib/court/complete-setup';

/** Open to anyone holding the link: the token is the permission, and it works once. */
export async function completeSetupAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const values = formValues(formData, [
    'token',
    'nameZh',
    'nameEn',
    'code',
    'publicUrl',
    'adminName',
    'adminEmail',
    'password',
  ]);
  const { token = '', password = '', ...shown } = values;
  try {
    const result = await completeSetup(token, { ...shown, password, locale: await getLocale() } as Parameters<
      typeof completeSetup
    >[1]);
    return doneState(previous, 'setUp', { email: result.adminEmail });
  } catch (error) {
    // The password is never sent back to the page.
    return failedState(previous, shown, error);
  }
}
