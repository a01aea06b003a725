'use server';
/** The court's settings form. */
import { revalidatePath } from 'next/cache';
import { type AdminFormState, doneState, failedState, formValues } from '@/components/admin/form-state';
import { requireUser } from '@/lib/auth/session';
import { updateCourtSettings } from '@/lib/court/court-settings';

export async function updateCourtSettingsAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['nameZh', 'nameEn', 'code', 'publicUrl']);
  try {
    const { court, changed } = await updateCourtSettings(actor, values as Parameters<typeof updateCourtSettings>[1]);
    revalidatePath('/admin/court');
    const saved = { nameZh: court.nameZh, nameEn: court.nameEn, code: court.code, publicUrl: court.publicUrl ?? '' };
    return doneState(previous, changed.length > 0 ? 'courtSaved' : 'unchanged', {}, saved);
  } catch (error) {
    return failedState(previous, values, error);
  }
}
