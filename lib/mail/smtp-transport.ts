import 'server-only';
/**
 * Delivery through an SMTP server (VERITY_SMTP_URL, e.g. smtp://user:pass@mail.court.example:587,
 * or smtps:// for implicit TLS on 465), with nodemailer. An SMTP reply code of 5xx is a
 * permanent refusal; everything else that goes wrong (no connection, timeout, 4xx) is temporary.
 */
import nodemailer from 'nodemailer';
import type { MailTransport, OutgoingMessage, SendResult } from './transport';

export interface SmtpTransportOptions {
  /** smtp:// or smtps:// URL, with credentials if the server wants them. */
  url: string;
  /** The sender address (VERITY_MAIL_FROM), e.g. `Verity <verity@court.example>`. */
  from: string;
  /** Connection, greeting and socket timeouts (default 15 s each). */
  timeoutMs?: number;
}

export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  const timeout = options.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as nodemailer.TransportOptions);
  let closed = false;
  return {
    kind: 'smtp',
    async send(message: OutgoingMessage): Promise<SendResult> {
      try {
        const info = await transporter.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { 'Content-Language': message.locale },
          // One id per outbox row: a receiving server (or person) can tell a repeat.
          messageId: `<${message.id}@verity>`,
        });
        const rejected = (info as { rejected?: unknown[] }).rejected ?? [];
        if (rejected.length > 0) return { status: 'refused', error: `recipient refused: ${String(rejected[0])}` };
        return { status: 'accepted' };
      } catch (error) {
        return classify(error);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      transporter.close();
    },
  };
}

/** A nodemailer error as a SendResult: 5xx from the server is permanent, the rest temporary. */
function classify(error: unknown): SendResult {
  const e = error as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text = oneLine(
    typeof e.response === 'string' && e.response !== ''
      ? e.response
      : `${typeof e.code === 'string' ? `${e.code}: ` : ''}${typeof e.message === 'string' ? e.message : String(error)}`,
  );
  if (code !== null && code >= 500 && code < 600) return { status: 'refused', error: text };
  return { status: 'failed', error: text };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
