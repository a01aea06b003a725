import 'server-only';
/**
 * The evidence store's quotas, checked when an upload is created, against its declared size:
 *
 * - a person holds the bytes of their uploads not yet made into exhibits (in progress: the
 *   declared size, which the part file may grow to; completed: the stored file). Exhibits are
 *   court records and do not count against the person: a party must never be kept from
 *   submitting evidence in one case by what they submitted in others. Over the quota: 413.
 * - a case holds its exhibits' stored files (each distinct file once) and the uploads in progress
 *   or completed for it, whoever made them. Over the quota: 409, as the case is full whatever the
 *   file's size; the court raises the quota or the parties cancel uploads.
 *
 * Runs in the caller's transaction and serialises the creations of one person and of one case
 * (advisory locks, person before case), so two uploads started at once cannot both squeeze under
 * a quota; the caller inserts the upload before it commits.
 */
import type pg from 'pg';
import { AppError } from '@/lib/errors/app-error';
import { formatBytes } from './format-bytes';

export interface CheckStorageQuotaOptions {
  userId: string;
  caseId: string;
  /** The declared size of the new upload. */
  size: number;
  personQuotaBytes: number;
  caseQuotaBytes: number;
}

export type QuotaKind = 'person' | 'case';

/** `details` of the quota errors (also read by the browser to word them in its language). */
export interface QuotaDetails {
  quota: QuotaKind;
  usedBytes: number;
  allowedBytes: number;
  fileBytes: number;
}

/** pg_advisory_xact_lock(namespace, hashtext(id)): creating uploads for one person / one case. */
export const PERSON_QUOTA_LOCK = 0x71756f70; // 'quop'
export const CASE_QUOTA_LOCK = 0x71756f63; // 'quoc'

/** Upload states that hold bytes not yet an exhibit (a `consumed` upload's bytes are its exhibit's). */
const HOLDING = "status IN ('open', 'complete')";

export async function checkStorageQuota(client: pg.PoolClient, options: CheckStorageQuotaOptions): Promise<void> {
  const { userId, caseId, size } = options;
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PERSON_QUOTA_LOCK, userId]);
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CASE_QUOTA_LOCK, caseId]);

  const person = await sum(
    client,
    `SELECT coalesce(sum(size), 0) AS n FROM uploads WHERE user_id = $1 AND ${HOLDING}`,
    [userId],
  );
  if (person + size > options.personQuotaBytes) {
    throw quotaError({ quota: 'person', usedBytes: person, allowedBytes: options.personQuotaBytes, fileBytes: size });
  }
  const kase = await sum(
    client,
    `SELECT (SELECT coalesce(sum(size), 0) FROM uploads WHERE case_id = $1 AND ${HOLDING})
          + (SELECT coalesce(sum(size), 0) FROM (
               SELECT DISTINCT blob_sha256, size FROM exhibits WHERE case_id = $1 AND blob_sha256 IS NOT NULL) files)
       AS n`,
    [caseId],
  );
  if (kase + size > options.caseQuotaBytes) {
    throw quotaError({ quota: 'case', usedBytes: kase, allowedBytes: options.caseQuotaBytes, fileBytes: size });
  }
}

async function sum(client: pg.PoolClient, sql: string, params: unknown[]): Promise<number> {
  // numeric arrives as a string; sizes are below 2^53 each and so are realistic sums.
  return Number((await client.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
}

export function quotaError(details: QuotaDetails): AppError {
  const used = formatBytes(details.usedBytes);
  const allowed = formatBytes(details.allowedBytes);
  const file = formatBytes(details.fileBytes);
  const payload = { ...details };
  return details.quota === 'person'
    ? new AppError(
        'PAYLOAD_TOO_LARGE',
        `Your uploads not yet submitted as exhibits hold ${used} of the ${allowed} you may use; this file (${file}) does not fit. Submit or cancel the uploads you started, or ask the court to raise your storage limit.`,
        payload,
      )
    : new AppError(
        'CONFLICT',
        `This case's evidence files and uploads hold ${used} of the ${allowed} the case may use; this file (${file}) does not fit. Ask the court to raise the case's storage limit.`,
        payload,
      );
}
