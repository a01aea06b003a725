import 'server-only';
/**
 * Queues an e-mail in the caller's transaction: the row is written with what it announces or
 * not at all. Delivery (SMTP, or the local mailbox of the embedded default), retries and the
 * admin's view are lib/mail's sender's work.
 */
import type pg from 'pg';
import { z } from 'zod';
import { ZEmailAddress } from '@/lib/auth/email-address';
import { parseInput } from '@/lib/errors/zod-issues';
import { LOCALES, type Locale } from '@/lib/i18n/config';
import { MAIL_TEMPLATES, type MailParams, type MailTemplate } from './templates.schema';

export interface QueuedMail<T extends MailTemplate> {
  to: string;
  locale: Locale;
  template: T;
  params: MailParams<T>;
}

export async function queueMail<T extends MailTemplate>(
  client: pg.ClientBase,
  mail: QueuedMail<T>,
): Promise<{ id: string }> {
  const to = parseInput(ZEmailAddress, mail.to);
  const locale = parseInput(z.enum(LOCALES), mail.locale);
  const template = parseInput(z.enum(Object.keys(MAIL_TEMPLATES) as [MailTemplate]), mail.template);
  // Each template's own schema (strict: a parameter it does not know is a mistake).
  const params: unknown = parseInput(MAIL_TEMPLATES[template], mail.params);
  const { rows } = await client.query<{ id: string }>(
    'INSERT INTO mail_outbox (recipient, locale, template, params) VALUES ($1, $2, $3, $4) RETURNING id',
    [to, locale, template, JSON.stringify(params)],
  );
  const [row] = rows;
  if (!row) throw new Error('mail_outbox: the insert returned no row');
  return { id: row.id };
}
