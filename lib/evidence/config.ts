import 'server-only';
/**
 * Where the evidence store lives, how large an upload may be, how much one person and one case
 * may hold, how long an unused upload is kept, how many PATCHes one person may have in flight and
 * how long a body may stall, from the environment (validated by the same zod schema as start-up,
 * lib/env/server-env.ts). Read on every use, so a test can point it at a temporary folder or lower
 * a quota.
 */
import path from 'node:path';
import { ZServerEnv } from '@/lib/env/server-env';
import { issueSummary } from '@/lib/errors/zod-issues';
import { DEFAULT_CHUNK_SIZE, DEFAULT_MAX_UPLOAD_BYTES } from './upload-protocol';

export interface EvidenceConfig {
  /** Absolute path of the store: `blobs/` and `uploads/` below it. */
  dir: string;
  /** The largest upload accepted, in bytes. */
  maxUploadBytes: number;
  /** The PATCH size suggested to clients. */
  chunkSize: number;
  /** Bytes one person may hold in uploads not yet exhibits (VERITY_PERSON_QUOTA_BYTES). */
  personQuotaBytes: number;
  /** Bytes one case may hold: exhibits' files and uploads (VERITY_CASE_QUOTA_BYTES). */
  caseQuotaBytes: number;
  /** How long an untouched upload is kept, in milliseconds (VERITY_UPLOAD_GRACE_HOURS). */
  uploadGraceMs: number;
  /** PATCHes one person may have in flight at once (cluster-wide); more are RATE_LIMITED. */
  appendsPerPerson: number;
  /** A PATCH body that sends no byte for this long is ended; the bytes before are kept. */
  idleBodyMs: number;
}

/** Room for several large uploads at once (four of the largest default upload). */
export const DEFAULT_PERSON_QUOTA_BYTES = 16 * 1024 ** 3;
/** A case with hours of video evidence; a court with larger cases raises it. */
export const DEFAULT_CASE_QUOTA_BYTES = 64 * 1024 ** 3;
/** A day: time to finish the exhibit form after the upload, or to resume a broken one. */
export const DEFAULT_UPLOAD_GRACE_HOURS = 24;

/** Defaults: a browser sends one PATCH per upload at a time, so 4 is 4 files in parallel. */
export const DEFAULT_APPENDS_PER_PERSON = 4;
export const DEFAULT_UPLOAD_IDLE_SECONDS = 30;

const NAMES = [
  'VERITY_DATA_DIR',
  'VERITY_EVIDENCE_DIR',
  'VERITY_MAX_UPLOAD_BYTES',
  'VERITY_PERSON_QUOTA_BYTES',
  'VERITY_CASE_QUOTA_BYTES',
  'VERITY_UPLOAD_GRACE_HOURS',
  'VERITY_UPLOADS_PER_PERSON',
  'VERITY_UPLOAD_IDLE_SECONDS',
] as const;

const ZEvidenceEnv = ZServerEnv.pick({
  VERITY_DATA_DIR: true,
  VERITY_EVIDENCE_DIR: true,
  VERITY_MAX_UPLOAD_BYTES: true,
  VERITY_PERSON_QUOTA_BYTES: true,
  VERITY_CASE_QUOTA_BYTES: true,
  VERITY_UPLOAD_GRACE_HOURS: true,
  VERITY_UPLOADS_PER_PERSON: true,
  VERITY_UPLOAD_IDLE_SECONDS: true,
});

export function evidenceConfig(env: Readonly<Record<string, string | undefined>> = process.env): EvidenceConfig {
  const cleaned = Object.fromEntries(
    NAMES.map((name) => [name, env[name]]).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ZEvidenceEnv.safeParse(cleaned);
  if (!parsed.success) {
    throw new Error(`Invalid evidence store configuration: ${issueSummary(parsed.error)}`);
  }
  const env_ = parsed.data;
  return {
    // The store is data, not code: keep Next.js's file tracing from following this path.
    dir: path.resolve(
      /*turbopackIgnore: true*/ env_.VERITY_EVIDENCE_DIR ?? path.join(env_.VERITY_DATA_DIR, 'evidence'),
    ),
    maxUploadBytes: env_.VERITY_MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES,
    chunkSize: DEFAULT_CHUNK_SIZE,
    personQuotaBytes: env_.VERITY_PERSON_QUOTA_BYTES ?? DEFAULT_PERSON_QUOTA_BYTES,
    caseQuotaBytes: env_.VERITY_CASE_QUOTA_BYTES ?? DEFAULT_CASE_QUOTA_BYTES,
    uploadGraceMs: (env_.VERITY_UPLOAD_GRACE_HOURS ?? DEFAULT_UPLOAD_GRACE_HOURS) * 3_600_000,
    appendsPerPerson: env_.VERITY_UPLOADS_PER_PERSON ?? DEFAULT_APPENDS_PER_PERSON,
    idleBodyMs: Math.round((env_.VERITY_UPLOAD_IDLE_SECONDS ?? DEFAULT_UPLOAD_IDLE_SECONDS) * 1000),
  };
}
