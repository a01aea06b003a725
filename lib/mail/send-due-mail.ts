import 'server-only';
/**
 * Delivers queued mail that is due, one row at a time: the row is taken with
 * `FOR NO KEY UPDATE SKIP LOCKED` in a transaction that lasts until its outcome is written, so
 * any number of senders (every server process runs one) share the queue and never deliver the
 * same row twice at once. (NO KEY UPDATE rather than UPDATE: it still excludes the other
 * senders, but lets a foreign key check on the row pass, e.g. an insert referring to it.)
 *
 * Outcome of one attempt: accepted → `sent`; refused (permanent, an SMTP 5xx) → `failed` at
 * once; failed (temporary) → `attempts + 1`, `last_error`, and `next_attempt_at` after a back-off,
 * until the attempts are used up → `failed`. A failed row stays, with its error, for the admin
 * to send again (resend-mail.ts): the invitation or reset it carries is never lost.
 */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import { isLocale } from '@/lib/i18n/config';
import { renderMail } from './render-mail';
import { MAIL_TEMPLATES, type MailTemplate } from './templates.schema';
import type { MailTransport, SendResult } from './transport';

export interface RetryPolicy {
  /** Attempts in all, the first included, before a temporarily failing mail is marked failed. */
  maxAttempts: number;
  /** How long to wait after failed attempt number `attempt` (1 = the first). */
  delayMs(attempt: number): number;
}

/** 1 min, 4 min, 16 min, ~1 h, ~4 h, then 6 h at most: seven attempts over about 11 hours. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 7,
  delayMs: (attempt) => Math.min(60_000 * 4 ** (attempt - 1), 6 * 60 * 60 * 1000),
};

export interface SendDueMailOptions {
  transport: MailTransport;
  /** At most this many rows in one call (default 50). */
  limit?: number;
  policy?: RetryPolicy;
  pool?: pg.Pool;
  /** Only these outbox rows (tests share one database; a caller may also want one row now). */
  onlyIds?: readonly string[];
}

export interface SendDueMailReport {
  sent: number;
  /** Failed for now, tried again later. */
  retrying: number;
  /** Marked failed: refused for good, or out of attempts. */
  failed: number;
}

interface DueRow {
  id: string;
  recipient: string;
  locale: string;
  template: string;
  params: unknown;
  attempts: number;
}

const TAKE_SQL = `
  SELECT id, recipient, locale, template, params, attempts FROM mail_outbox
   WHERE status = 'queued' AND next_attempt_at <= now() AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
   ORDER BY next_attempt_at, created_at
   LIMIT 1
   FOR NO KEY UPDATE SKIP LOCKED`;

export async function sendDueMail(options: SendDueMailOptions): Promise<SendDueMailReport> {
  const pool = options.pool ?? getPool();
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const limit = options.limit ?? 50;
  const report: SendDueMailReport = { sent: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < limit; i++) {
    const outcome = await sendOne(pool, options.transport, policy, options.onlyIds ?? null);
    if (outcome === null) break;
    if (outcome === 'sent') report.sent++;
    else if (outcome === 'retrying') report.retrying++;
    else report.failed++;
  }
  return report;
}

async function sendOne(
  pool: pg.Pool,
  transport: MailTransport,
  policy: RetryPolicy,
  onlyIds: readonly string[] | null,
): Promise<'sent' | 'retrying' | 'failed' | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<DueRow>(TAKE_SQL, [onlyIds]);
    const row = rows[0];
    if (!row) {
      await client.query('COMMIT');
      return null;
    }
    const result = await deliver(row, transport);
    const attempts = row.attempts + 1;
    let outcome: 'sent' | 'retrying' | 'failed';
    if (result.status === 'accepted') {
      await client.query(
        `UPDATE mail_outbox SET status = 'sent', attempts = $2, sent_at = now(), last_error = NULL WHERE id = $1`,
        [row.id, attempts],
      );
      outcome = 'sent';
    } else if (result.status === 'refused' || attempts >= policy.maxAttempts) {
      await client.query(`UPDATE mail_outbox SET status = 'failed', attempts = $2, last_error = $3 WHERE id = $1`, [
        row.id,
        attempts,
        result.error.slice(0, 1000),
      ]);
      outcome = 'failed';
    } else {
      await client.query(
        `UPDATE mail_outbox SET attempts = $2, last_error = $3,
                next_attempt_at = now() + make_interval(secs => $4::double precision / 1000) WHERE id = $1`,
        [row.id, attempts, result.error.slice(0, 1000), policy.delayMs(attempts)],
      );
      outcome = 'retrying';
    }
    await client.query('COMMIT');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Renders and sends one row; a row that cannot be rendered is refused (it never will be). */
async function deliver(row: DueRow, transport: MailTransport): Promise<SendResult> {
  if (!isLocale(row.locale) || !Object.hasOwn(MAIL_TEMPLATES, row.template)) {
    return { status: 'refused', error: `cannot render: unknown template ${row.template} or language ${row.locale}` };
  }
  let rendered: ReturnType<typeof renderMail>;
  try {
    rendered = renderMail(row.template as MailTemplate, row.locale, row.params);
  } catch (error) {
    return { status: 'refused', error: `cannot render: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    return await transport.send({ id: row.id, to: row.recipient, locale: row.locale, ...rendered });
  } catch (error) {
    // A transport should answer a SendResult; one that throws is treated as a temporary failure.
    return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}
