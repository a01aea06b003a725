import 'server-only';
/**
 * What the evidence exchange (质证) accepts, validated at the edge of every function here: an
 * opinion's three positions with their reasons, a reply, a deadline. Messages name the field and
 * what is expected; forms show them in the reader's language by the path and code
 * (components/exchange/exchange-form-state.ts), not by these English words.
 * @module
 */
import { z } from 'zod';
import type { ExchangePosition } from '@/lib/db/generated/enums';
import { normaliseNewlines, plainMultilineText } from '@/lib/text/plain-text';

export const EXCHANGE_POSITIONS = ['accept', 'dispute', 'no_opinion'] as const satisfies readonly ExchangePosition[];
/** The three aspects an opinion speaks to (真实性、合法性、关联性), in the courts' order. */
export const ASPECTS = ['authenticity', 'legality', 'relevance'] as const;
export type Aspect = (typeof ASPECTS)[number];

export const MAX_OPINION_REASONS = 2000;
export const MAX_REPLY_REASONS = 5000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Free text a person wrote: trimmed; empty is "not given"; plain multi-line text (lib/text/plain-text.ts). */
function reasons(max: number, field: string) {
  return z
    .string()
    .overwrite(normaliseNewlines)
    .trim()
    .max(max, `${field}: at most ${max} characters`)
    .superRefine(plainMultilineText(field))
    .optional()
    .transform((v) => (v ? v : undefined));
}

function position(field: string) {
  return z.enum(EXCHANGE_POSITIONS, { message: `${field}: choose accept, dispute or no opinion` });
}

export const ZOpinionInput = z
  .strictObject({
    authenticity: position('authenticity'),
    authenticityReasons: reasons(MAX_OPINION_REASONS, 'authenticityReasons'),
    legality: position('legality'),
    legalityReasons: reasons(MAX_OPINION_REASONS, 'legalityReasons'),
    relevance: position('relevance'),
    relevanceReasons: reasons(MAX_OPINION_REASONS, 'relevanceReasons'),
    /** An exhibit of the objector's own side in the same case, or none. */
    counterExhibitId: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || UUID.test(v), 'counterExhibitId: choose one of your exhibits'),
  })
  // Each disputed aspect needs reasons: checked even when other fields are wrong (`when`), so the
  // form lists every problem at once.
  .refine(...reasonsGiven('authenticity'))
  .refine(...reasonsGiven('legality'))
  .refine(...reasonsGiven('relevance'));

function reasonsGiven(
  aspect: Aspect,
): [(value: Record<string, unknown>) => boolean, { path: PropertyKey[]; message: string; when: () => boolean }] {
  return [
    (value: Record<string, unknown>) => {
      const reasons = value[`${aspect}Reasons`];
      return value[aspect] !== 'dispute' || (typeof reasons === 'string' && reasons.trim() !== '');
    },
    {
      path: [`${aspect}Reasons`],
      message: `${aspect}Reasons: give your reasons for disputing the ${aspect}`,
      when: () => true,
    },
  ];
}
export type OpinionInput = z.input<typeof ZOpinionInput>;

export const ZReplyInput = z.strictObject({
  reasons: z
    .string()
    .overwrite(normaliseNewlines)
    .trim()
    .min(1, 'reasons: write your reply')
    .max(MAX_REPLY_REASONS, `reasons: at most ${MAX_REPLY_REASONS} characters`)
    .superRefine(plainMultilineText('reasons')),
});
export type ReplyInput = z.input<typeof ZReplyInput>;

/**
 * A deadline as the clerk enters it: a day (YYYY-MM-DD), meaning the end of that day in Beijing
 * time; empty removes the deadline.
 */
export const ZDeadlineInput = z.strictObject({
  date: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && endOfDayInBeijing(v) !== null),
      'date: a day as YYYY-MM-DD, or nothing to remove the deadline',
    ),
});
export type DeadlineInput = z.input<typeof ZDeadlineInput>;

/** The last millisecond of `day` (YYYY-MM-DD) in Beijing time (UTC+8, no daylight saving); null for no such day. */
export function endOfDayInBeijing(day: string): Date | null {
  const at = new Date(`${day}T23:59:59.999+08:00`);
  if (Number.isNaN(at.getTime())) return null;
  // 2026-02-30 parses as 2026-03-02: refuse days that do not exist.
  const back = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return back === day ? at : null;
}
