'use server';
/** A clerk sets or removes the case's deadline for opinions (质证期限; issue #17, lib/exchange). */
import { revalidatePath } from 'next/cache';
import { type ExchangeFormState, exchangeFormErrors } from '@/components/exchange/exchange-form-state';
import { requireUser } from '@/lib/auth/session';
import { setExchangeDeadline } from '@/lib/exchange/set-exchange-deadline';

export type DeadlineFormState = ExchangeFormState<{ date: string }> & { changed?: boolean };

export async function setExchangeDeadlineAction(
  caseId: string,
  previous: DeadlineFormState,
  form: FormData,
): Promise<DeadlineFormState> {
  const date = typeof form.get('date') === 'string' ? String(form.get('date')) : '';
  const actor = await requireUser(); // outside the try: its redirect to sign-in must not be caught
  try {
    const result = await setExchangeDeadline(actor, caseId, { date });
    revalidatePath('/cases', 'layout');
    return { attempt: previous.attempt + 1, values: { date }, errors: [], done: true, changed: result.changed };
  } catch (error) {
    const errors = exchangeFormErrors(error);
    if (!errors) console.error(error);
    return { attempt: previous.attempt + 1, values: { date }, errors: errors ?? [{ key: 'UNAVAILABLE' }] };
  }
}
