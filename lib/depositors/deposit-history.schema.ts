import 'server-only';
/**
 * The filters of a depositor organisation's deposit history (`/deposit/history?q=&digest=&from=&to=&page=`),
 * as the page's query string gives them: every value a string, empty meaning "no filter".
 *
 * - `q`: words of the title (anywhere in it, case-insensitive), at most 200 characters;
 * - `digest`: a SHA-256 or SM3 digest, whole (64 hex) or its first 8 to 63 hex characters; spaces
 *   (digests are printed in groups of 8) and upper case are accepted;
 * - `from`, `to`: days `YYYY-MM-DD` in Beijing time, both inclusive, `from` not after `to`;
 * - `page`: 1-based; anything that is not a page number is page 1 (links make it, people do not).
 */
import { z } from 'zod';
import { plainText } from '@/lib/text/plain-text';

export const HISTORY_PAGE_SIZE = 25;
/** The message of the one issue a page must tell apart from a malformed `to` (same path). */
export const RANGE_MESSAGE = 'the last day must not be before the first day';
export const MIN_DIGEST_PREFIX = 8;

const ZDay = z
  .string()
  .trim()
  .refine((text) => text === '' || isDay(text), { message: 'a day is written YYYY-MM-DD, like 2026-12-06' });

function isDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const ZDepositHistoryQuery = z
  .object({
    q: z
      .string()
      .trim()
      .max(200, { message: 'search at most 200 characters of a title' })
      .superRefine(plainText('the search'))
      .default(''),
    digest: z
      .string()
      .transform((text) => text.replace(/\s+/g, '').toLowerCase())
      .refine((hex) => hex === '' || new RegExp(`^[0-9a-f]{${MIN_DIGEST_PREFIX},64}$`).test(hex), {
        message: `a digest is 64 hexadecimal characters, or its first ${MIN_DIGEST_PREFIX} or more`,
      })
      .default(''),
    from: ZDay.default(''),
    to: ZDay.default(''),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  })
  .refine(({ from, to }) => from === '' || to === '' || !isDay(from) || !isDay(to) || from <= to, {
    path: ['to'],
    message: RANGE_MESSAGE,
  });

export type DepositHistoryQuery = z.input<typeof ZDepositHistoryQuery>;
export type DepositHistoryFilters = z.output<typeof ZDepositHistoryQuery>;

/** The first instant of a Beijing day, and the first instant of the day after it. */
export function beijingDayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000+08:00`);
}

export function beijingDayAfter(day: string): Date {
  return new Date(beijingDayStart(day).getTime() + 24 * 3600 * 1000);
}
