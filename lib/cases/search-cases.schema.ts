import 'server-only';
/**
 * The docket's search, as it arrives in the query string (`?number=&party=&status=&page=`).
 * Empty values mean "any". A value that cannot be a search (a status that does not exist, a page
 * that is not a number, text longer than any case number or name) is refused on its own field.
 */
import { z } from 'zod';
import { plainText } from '@/lib/text/plain-text';

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const ZCaseSearch = z.object({
  /** Part of a case number, with half-width or full-width parentheses: both match either. */
  number: z.string().trim().max(60).superRefine(plainText('number')).default(''),
  /** Part of a party's name (plaintiff or defendant), or of the case's title. */
  party: z.string().trim().max(100).superRefine(plainText('party')).default(''),
  status: z.preprocess(blankToUndefined, z.enum(['open', 'closed']).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(1)),
});

export type CaseSearch = z.input<typeof ZCaseSearch>;

/** `text` with every parenthesis half-width (the form case numbers are compared in). */
export function halfWidthParentheses(text: string): string {
  return text.replace(/（/g, '(').replace(/）/g, ')');
}

/** `text` with every parenthesis full-width (court typography: （2026）京0491民初1234号). */
export function fullWidthParentheses(text: string): string {
  return text.replace(/\(/g, '（').replace(/\)/g, '）');
}

/** A query string's values as the schema takes them: the first of repeated parameters. */
export function firstSearchValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['number', 'party', 'status', 'page'] as const) {
    const value = params[key];
    const one = Array.isArray(value) ? value[0] : value;
    if (one !== undefined) out[key] = one;
  }
  return out;
}
