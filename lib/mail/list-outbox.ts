import 'server-only';
/**
 * The admin's list of outgoing mail, newest first, a page at a time, searched by recipient and
 * status. Only what the admin needs to see that mail went out (or why not): never the
 * parameters, which hold invitation and reset links.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { plainText } from '@/lib/text/plain-text';

export const OUTBOX_PAGE_SIZE = 25;
export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const ZOutboxQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  /** Part of the recipient's address, any case. */
  recipient: z.string().trim().max(254).superRefine(plainText('recipient')).default(''),
  status: z.enum(OUTBOX_STATUSES).optional(),
});
export type OutboxQuery = z.input<typeof ZOutboxQuery>;

export interface OutboxEntry {
  id: string;
  recipient: string;
  locale: string;
  template: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt: Date | null;
}

export interface OutboxPage {
  entries: OutboxEntry[];
  page: number;
  pages: number;
  total: number;
}

export async function listOutbox(actor: Actor, query: OutboxQuery = {}): Promise<OutboxPage> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators may see outgoing e-mail.');
  const { page, recipient, status } = parseInput(ZOutboxQuery, query);
  // LIKE's own wildcards in what the admin typed are matched literally.
  const pattern = `%${recipient.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = `recipient LIKE $1 AND ($2::text IS NULL OR status = $2)`;
  const pool = getPool();
  const { rows: counted } = await pool.query<{ total: string }>(
    `SELECT count(*) AS total FROM mail_outbox WHERE ${where}`,
    [pattern, status ?? null],
  );
  const total = Number(counted[0]?.total ?? 0);
  const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const { rows } = await pool.query<OutboxEntry>(
    `SELECT id, recipient, locale, template, status, attempts, last_error AS "lastError",
            next_attempt_at AS "nextAttemptAt", created_at AS "createdAt", sent_at AS "sentAt"
       FROM mail_outbox WHERE ${where}
      ORDER BY created_at DESC, id DESC
      LIMIT $3 OFFSET $4`,
    [pattern, status ?? null, OUTBOX_PAGE_SIZE, (page - 1) * OUTBOX_PAGE_SIZE],
  );
  return { entries: rows, page, pages, total };
}
