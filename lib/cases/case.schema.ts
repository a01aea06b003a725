import 'server-only';
/**
 * Input of the docket's domain functions (create and edit a case, assign people), validated
 * with zod at the domain edge; the server actions parse forms with the same schemas.
 *
 * Case numbers (案号) follow 《最高人民法院关于人民法院案件案号的若干规定》(法〔2015〕137号):
 * "（" + year + "）" + court code (法院代字) + case type (类型代字) + number + "号",
 * e.g. `（2026）京0491民初1234号`. They are stored as Chinese court typography writes them, with
 * full-width parentheses (messages/GLOSSARY.md); a clerk may type half-width (), 〔〕 or
 * full-width digits, and the number is normalised to that form on save.
 */
import { z } from 'zod';
import type { CaseRole, CaseStatus } from '@/lib/db/generated/enums';
import { plainText } from '@/lib/text/plain-text';
import { isUuid } from './access';

export const CASE_STATUSES = ['open', 'closed'] as const satisfies readonly CaseStatus[];
export const CASE_ROLES = ['plaintiff', 'defendant', 'judge', 'clerk'] as const satisfies readonly CaseRole[];
export const PARTY_ROLES = ['plaintiff', 'defendant'] as const satisfies readonly CaseRole[];

export const TITLE_MAX = 200;
export const CAUSE_OF_ACTION_MAX = 100;

/** Year 19xx/20xx, court code (1–4 Han characters and up to 4 digits), case type, number, 号. */
export const CASE_NUMBER_PATTERN = /^（(?:19|20)\d{2}）\p{Script=Han}{1,4}\d{0,4}\p{Script=Han}{1,6}[1-9]\d{0,7}号$/u;

/**
 * The stored form of a case number, or of part of one typed into a search: ASCII digits (NFKC
 * turns full-width digits and brackets half-width), no spaces, then （ ） for every bracket —
 * half-width (), 〔〕 or full-width （） alike — so either form a clerk types finds and matches it.
 */
export function normaliseCaseNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').replace(/[(〔]/gu, '（').replace(/[)〕]/gu, '）');
}

export const ZCaseNumber = z
  .string()
  .transform(normaliseCaseNumber)
  .pipe(
    z
      .string()
      .min(1, 'Enter the case number.')
      .regex(
        CASE_NUMBER_PATTERN,
        'Enter the case number in the form （2026）京0491民初1234号: the year in brackets, the court code, the case type, the number, then 号.',
      ),
  );

export const ZCaseTitle = z
  .string()
  .trim()
  .min(1, 'Enter the title of the case.')
  .max(TITLE_MAX, `The title must be ${TITLE_MAX} characters or fewer.`)
  .superRefine(plainText('The title'));

export const ZCauseOfAction = z
  .string()
  .trim()
  .min(1, 'Enter the cause of action.')
  .max(CAUSE_OF_ACTION_MAX, `The cause of action must be ${CAUSE_OF_ACTION_MAX} characters or fewer.`)
  .superRefine(plainText('The cause of action'));

export const ZCaseStatus = z.enum(CASE_STATUSES, { error: 'The status must be open or closed.' });

export const ZCreateCaseInput = z.object({
  caseNumber: ZCaseNumber,
  title: ZCaseTitle,
  causeOfAction: ZCauseOfAction,
});
export type CreateCaseInput = z.input<typeof ZCreateCaseInput>;

export const ZUpdateCaseInput = z
  .object({
    title: ZCaseTitle.optional(),
    causeOfAction: ZCauseOfAction.optional(),
    status: ZCaseStatus.optional(),
  })
  .refine((v) => v.title !== undefined || v.causeOfAction !== undefined || v.status !== undefined, {
    message: 'Give at least one of title, causeOfAction and status.',
  });
export type UpdateCaseInput = z.input<typeof ZUpdateCaseInput>;

export const ZCaseMemberInput = z.object({
  userId: z
    .string()
    .refine(isUuid, 'Choose a person: userId must be a user ID (a UUID).')
    .transform((id) => id.toLowerCase()),
  role: z.enum(CASE_ROLES, { error: 'The role must be plaintiff, defendant, judge or clerk.' }),
});
export type CaseMemberInput = z.input<typeof ZCaseMemberInput>;
