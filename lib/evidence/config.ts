import 'server-only';
/**
 * Where the evidence store lives, how large an upload may be, how many PATCHes one person may
 * have in flight and how long a body may stall, from the environment
 * (validated by the same zod schema as start-up, lib/env/server-env.ts). Read on every use, so
 * a test can point it at a temporary folder.
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
  /** PATCHes one person may have in flight at once (cluster-wide); more are RATE_LIMITED. */
  appendsPerPerson: number;
  /** A PATCH body that sends no byte for this long is ended; the bytes before are kept. */
  idleBodyMs: number;
}

/** Defaults: a browser sends one PATCH per upload at a time, so 4 is 4 files in parallel. */
export const DEFAULT_APPENDS_PER_PERSON = 4;
export const DEFAULT_UPLOAD_IDLE_SECONDS = 30;

const NAMES = [
  'VERITY_DATA_DIR',
  'VERITY_EVIDENCE_DIR',
  'VERITY_MAX_UPLOAD_BYTES',
  'VERITY_UPLOADS_PER_PERSON',
  'VERITY_UPLOAD_IDLE_SECONDS',
] as const;

const ZEvidenceEnv = ZServerEnv.pick({
  VERITY_DATA_DIR: true,
  VERITY_EVIDENCE_DIR: true,
  VERITY_MAX_UPLOAD_BYTES: true,
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
  const { VERITY_DATA_DIR, VERITY_EVIDENCE_DIR, VERITY_MAX_UPLOAD_BYTES } = parsed.data;
  const { VERITY_UPLOADS_PER_PERSON, VERITY_UPLOAD_IDLE_SECONDS } = parsed.data;
  return {
    // The store is data, not code: keep Next.js's file tracing from following this path.
    dir: path.resolve(/*turbopackIgnore: true*/ VERITY_EVIDENCE_DIR ?? path.join(VERITY_DATA_DIR, 'evidence')),
    maxUploadBytes: VERITY_MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES,
    chunkSize: DEFAULT_CHUNK_SIZE,
    appendsPerPerson: VERITY_UPLOADS_PER_PERSON ?? DEFAULT_APPENDS_PER_PERSON,
    idleBodyMs: Math.round((VERITY_UPLOAD_IDLE_SECONDS ?? DEFAULT_UPLOAD_IDLE_SECONDS) * 1000),
  };
}
