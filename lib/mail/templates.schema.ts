import 'server-only';
/**
 * The e-mails the portal sends, and what each needs: the one definition both the code that
 * queues a mail (an invitation, a reset, a notification) and the code that writes it out in the
 * recipient's language (lib/mail) read. Links are absolute, on the portal's public URL.
 * @module
 */
import { z } from 'zod';

const ZLink = z.url({ protocol: /^https?$/, error: 'link must be an absolute http(s) URL' });
const ZInstant = z.iso.datetime({ offset: true, error: 'expiresAt must be an ISO 8601 instant' });
const ZText = z.string().trim().min(1).max(500);

export const MAIL_TEMPLATES = {
  /** An invitation to set a name and password and join (the court, or one case as a party). */
  invitation: z.strictObject({
    inviterName: ZText,
    courtName: ZText,
    role: z.enum(['litigant', 'judge', 'clerk', 'admin', 'depositor']),
    /** For a party invited to a case. */
    caseNumber: ZText.optional(),
    link: ZLink,
    expiresAt: ZInstant,
  }),
  /** A single-use link to choose a new password. */
  'password-reset': z.strictObject({ name: ZText, link: ZLink, expiresAt: ZInstant }),
  /** Something that needs the person: a plain sentence and a link to it. */
  notification: z.strictObject({ name: ZText, summary: z.string().trim().min(1).max(2000), link: ZLink }),
} as const;

export type MailTemplate = keyof typeof MAIL_TEMPLATES;
export type MailParams<T extends MailTemplate> = z.infer<(typeof MAIL_TEMPLATES)[T]>;
