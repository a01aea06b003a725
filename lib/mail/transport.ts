import 'server-only';
/**
 * The one small interface every way of delivering a message implements (SMTP, the local
 * mailbox; an SMS gateway could be another), so the sender does not know which it drives.
 * @module
 */

/** A message ready to deliver: written out in its recipient's language. */
export interface OutgoingMessage {
  /** The mail_outbox row it comes from: a transport may use it to deliver at most once. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  locale: string;
}

/**
 * What became of one delivery attempt:
 * - `accepted`: the transport took it (an SMTP server said 250; the mailbox stored it);
 * - `refused`: permanently (an SMTP 5xx: no such mailbox, sender refused…): trying again will
 *   not help, so the sender marks it failed at once;
 * - `failed`: temporarily (server down, timeout, 4xx): the sender tries again later.
 */
export type SendResult =
  | { status: 'accepted' }
  | { status: 'refused'; error: string }
  | { status: 'failed'; error: string };

export interface MailTransport {
  /** For logs and the admin page: `smtp` or `mailbox`. */
  readonly kind: string;
  /** Never throws: every outcome is a SendResult. */
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Releases connections (pooled SMTP); safe to call twice. */
  close(): Promise<void>;
}
