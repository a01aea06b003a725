import 'server-only';
/**
 * The local mailbox, for the admin (embedded default, no SMTP server): the mail delivered there,
 * newest first, a page at a time, searched by recipient. It holds invitation and reset links;
 * that is its purpose in a demonstration, and why a real court sets VERITY_SMTP_URL.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { plainText } from '@/lib/text/plain-text';

export const MAILBOX_PAGE_SIZE = 20;

export const ZMailboxQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  recipient: z.string().trim().max(254).superRefine(plainText('recipient')).default(''),
});
export type MailboxQuery = z.input<typeof ZMailboxQuery>;

export interface MailboxMessage {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  deliveredAt: Date;
}

export interface MailboxPage {
  messages: MailboxMessage[];
  page: number;
  pages: number;
  total: number;
}

export async function listMailbox(actor: Actor, query: MailboxQuery = {}): Promise<MailboxPage> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators may read the local mailbox.');
  const { page, recipient } = parseInput(ZMailboxQuery, query);
  const pattern = `%${recipient.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const pool = getPool();
  const { rows: counted } = await pool.query<{ total: string }>(
    'SELECT count(*) AS total FROM mailbox_messages WHERE recipient LIKE $1',
    [pattern],
  );
  const total = Number(counted[0]?.total ?? 0);
  const pages = Math.max(1, Math.ceil(total / MAILBOX_PAGE_SIZE));
  const { rows } = await pool.query<MailboxMessage>(
    `SELECT outbox_id AS id, recipient, subject, text_body AS text, delivered_at AS "deliveredAt"
       FROM mailbox_messages WHERE recipient LIKE $1
      ORDER BY delivered_at DESC, outbox_id DESC
      LIMIT $2 OFFSET $3`,
    [pattern, MAILBOX_PAGE_SIZE, (page - 1) * MAILBOX_PAGE_SIZE],
  );
  return { messages: rows, page, pages, total };
}
