'use server';
/**
 * The evidence exchange on an exhibit page (issue #17): a party lodges an opinion on the other
 * side's exhibit, the submitting side replies. Thin: lib/exchange checks who may do what and
 * validates; these read the form and shape the answer (errors as keys, in the reader's language).
 */
import { revalidatePath } from 'next/cache';
import { type ExchangeFormState, exchangeFormErrors } from '@/components/exchange/exchange-form-state';
import { requireUser } from '@/lib/auth/session';
import { lodgeOpinion } from '@/lib/exchange/lodge-opinion';
import { replyToOpinion } from '@/lib/exchange/reply-to-opinion';

export type OpinionFormValues = Record<
  | 'authenticity'
  | 'authenticityReasons'
  | 'legality'
  | 'legalityReasons'
  | 'relevance'
  | 'relevanceReasons'
  | 'counterExhibitId',
  string
>;
export type OpinionFormState = ExchangeFormState<OpinionFormValues>;
export type ReplyFormState = ExchangeFormState<{ reasons: string }>;

const OPINION_FIELDS = [
  'authenticity',
  'authenticityReasons',
  'legality',
  'legalityReasons',
  'relevance',
  'relevanceReasons',
  'counterExhibitId',
] as const;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

function failed<V>(previous: ExchangeFormState<V>, values: V, error: unknown): ExchangeFormState<V> {
  const errors = exchangeFormErrors(error);
  if (!errors) console.error(error);
  return { attempt: previous.attempt + 1, values, errors: errors ?? [{ key: 'UNAVAILABLE' }] };
}

/** Lodges the signed-in party's opinion on exhibit `exhibitId` (bound by the page). */
export async function lodgeOpinionAction(
  exhibitId: string,
  previous: OpinionFormState,
  form: FormData,
): Promise<OpinionFormState> {
  const values = Object.fromEntries(OPINION_FIELDS.map((f) => [f, text(form, f)])) as OpinionFormValues;
  const actor = await requireUser(); // outside the try: its redirect to sign-in must not be caught
  try {
    // Unchosen radios are absent from the form: undefined, which the schema names as missing.
    const input = Object.fromEntries(OPINION_FIELDS.map((f) => [f, form.has(f) ? values[f] : undefined]));
    await lodgeOpinion(actor, exhibitId, input);
    revalidatePath('/cases', 'layout');
    const empty = Object.fromEntries(OPINION_FIELDS.map((f) => [f, ''])) as OpinionFormValues;
    return { attempt: previous.attempt + 1, values: empty, errors: [], done: true };
  } catch (error) {
    return failed(previous, values, error);
  }
}

/** Records the signed-in party's reply to opinion `opinionId` (bound by the page). */
export async function replyToOpinionAction(
  opinionId: string,
  previous: ReplyFormState,
  form: FormData,
): Promise<ReplyFormState> {
  const values = { reasons: text(form, 'reasons') };
  const actor = await requireUser(); // outside the try: its redirect to sign-in must not be caught
  try {
    await replyToOpinion(actor, opinionId, values);
    revalidatePath('/cases', 'layout');
    return { attempt: previous.attempt + 1, values: { reasons: '' }, errors: [], done: true };
  } catch (error) {
    return failed(previous, values, error);
  }
}
