/**
 * Every error the SDK throws: one class, `VerityError`, with a code from a fixed list, so a
 * caller branches on `error.code` and shows `error.message` (what was wrong, what to do) to a
 * person. HTTP answers keep the portal's own code and message (lib/errors/error-body.schema.ts);
 * a fork keeps its evidence, both signed checkpoints and the proof, for whoever must act on it.
 *
 * @module
 */

export const VERITY_ERROR_CODES = [
  /** The portal could not be reached, or kept answering 5xx/408/429, after every retry. */
  'UNAVAILABLE',
  /** Another 4xx/5xx answer: `status`, and the portal's `portalCode` and message. */
  'HTTP',
  /** 401/403: the API key is wrong, revoked, or not allowed to do this. */
  'UNAUTHORIZED',
  /** An answer that is not what the API defines (shape, size, content type). */
  'INVALID_RESPONSE',
  /** A receipt that does not parse as one, or fails its checks where the SDK needs it to pass. */
  'INVALID_RECEIPT',
  /** Two checkpoints signed by the log that cannot both be true: `evidence` holds them. */
  'FORK',
  /** The caller's AbortSignal fired. */
  'ABORTED',
  /** The caller passed something the SDK cannot use (no log key offline, a batch size of 0…). */
  'INVALID_ARGUMENT',
] as const;

export type VerityErrorCode = (typeof VERITY_ERROR_CODES)[number];

/** Why a fork was concluded: both checkpoints as signed notes, and the proof that failed. */
export interface ForkEvidence {
  /** `INCONSISTENT`: the proof fails or equal sizes differ; `DENIED`: the log refuses a proof for a size it signed. */
  kind: 'INCONSISTENT' | 'DENIED';
  origin: string;
  older: { size: string; note: string };
  newer: { size: string; note: string };
  /** The consistency proof the portal gave (base64 hashes, older → newer size); empty when none. */
  proof: string[];
}

export interface VerityErrorDetails {
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** The portal's error code (`VALIDATION_FAILED`, `KEY_REVOKED`…), when it sent one. */
  portalCode?: string;
  /** FORK only. */
  evidence?: ForkEvidence;
  cause?: unknown;
}

export class VerityError extends Error {
  readonly code: VerityErrorCode;
  readonly status?: number;
  readonly portalCode?: string;
  readonly evidence?: ForkEvidence;

  constructor(code: VerityErrorCode, message: string, details: VerityErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'VerityError';
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
    if (details.portalCode !== undefined) this.portalCode = details.portalCode;
    if (details.evidence !== undefined) this.evidence = details.evidence;
  }
}

export function isVerityError(error: unknown, code?: VerityErrorCode): error is VerityError {
  return error instanceof VerityError && (code === undefined || error.code === code);
}
