import 'server-only';
/**
 * The filters of a case's custody log page, as they arrive in its query string
 * (`?kind=access&person=<uuid>|portal&from=2026-05-01&to=2026-05-31&page=2`). Empty values mean
 * "any". Dates are calendar days in Beijing time (court records keep Beijing time), both ends
 * included. A value that is not one of these is refused with an issue on its own field, never
 * ignored: the reader should not take an unfiltered list for a filtered one.
 */
import { z } from 'zod';
import { CUSTODY_KINDS } from './custody-kinds';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1970 && y <= 9999 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The first moment of `day` (YYYY-MM-DD) in Beijing time (UTC+8 all year). */
export function beijingDayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000+08:00`);
}

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const day = z.string().refine(isCalendarDay, { message: 'Expected a date written YYYY-MM-DD.' });

export const ZCaseEventsQuery = z
  .object({
    kind: z.preprocess(blankToUndefined, z.enum(CUSTODY_KINDS).optional()),
    /** Who acted: a person's account ID, or `portal` for what the portal recorded by itself. */
    person: z.preprocess(blankToUndefined, z.union([z.literal('portal'), z.uuid()]).optional()),
    from: z.preprocess(blankToUndefined, day.optional()),
    to: z.preprocess(blankToUndefined, day.optional()),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(1)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: 'The end date is before the start date.',
  });

export type CaseEventsQuery = z.input<typeof ZCaseEventsQuery>;
export type CaseEventsFilter = z.output<typeof ZCaseEventsQuery>;

/** A query string's values as the schema takes them: the first of repeated parameters. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['kind', 'person', 'from', 'to', 'page'] as const) {
    const value = params[key];
    const one = Array.isArray(value) ? value[0] : value;
    if (one !== undefined) out[key] = one;
  }
  return out;
}
