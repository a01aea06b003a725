import 'server-only';
/**
 * Which transport this server delivers with: SMTP when VERITY_SMTP_URL is set (validated at
 * start-up, lib/env/server-env.ts), otherwise the local mailbox of the embedded default.
 */
import { createMailboxTransport } from './mailbox-transport';
import { createSmtpTransport } from './smtp-transport';
import type { MailTransport } from './transport';

/** The default sender when VERITY_MAIL_FROM is unset: a name on the portal's own host. */
export function defaultMailFrom(env: Record<string, string | undefined> = process.env): string {
  let host = 'localhost';
  try {
    if (env.NEXTAUTH_URL) host = new URL(env.NEXTAUTH_URL).hostname;
  } catch {
    // Refused at start-up; keep localhost.
  }
  return `Verity <no-reply@${host}>`;
}

export function mailTransportFromEnv(env: Record<string, string | undefined> = process.env): MailTransport {
  const url = env.VERITY_SMTP_URL;
  if (!url) return createMailboxTransport();
  return createSmtpTransport({ url, from: env.VERITY_MAIL_FROM || defaultMailFrom(env) });
}

/** The SMTP server's host for the admin page (never the credentials), or null for the mailbox. */
export function smtpHostFromEnv(env: Record<string, string | undefined> = process.env): string | null {
  const url = env.VERITY_SMTP_URL;
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
  } catch {
    return null;
  }
}
