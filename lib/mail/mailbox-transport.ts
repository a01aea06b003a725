import 'server-only';
/**
 * The local mailbox of the embedded default (no VERITY_SMTP_URL): a delivered message is stored,
 * as rendered, in mailbox_messages, where an admin reads it in the portal (/admin/mail/mailbox),
 * so a demonstration needs no mail server. Delivering the same outbox row twice stores it once.
 */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import type { MailTransport, OutgoingMessage, SendResult } from './transport';

export function createMailboxTransport(pool: () => pg.Pool = getPool): MailTransport {
  return {
    kind: 'mailbox',
    async send(message: OutgoingMessage): Promise<SendResult> {
      try {
        await pool().query(
          `INSERT INTO mailbox_messages (outbox_id, recipient, subject, text_body, html_body)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (outbox_id) DO NOTHING`,
          [message.id, message.to, message.subject, message.text, message.html],
        );
        return { status: 'accepted' };
      } catch (error) {
        return { status: 'failed', error: `local mailbox: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    async close(): Promise<void> {},
  };
}
