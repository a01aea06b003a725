/**
 * The one error type of the domain. Each code maps to one HTTP status here and nowhere else;
 * messages say what was wrong and what is expected, never a stack trace.
 */
export const APP_ERROR_STATUS = {
  MALFORMED_JSON: 400,
  /** A path under /api/v1/log/tile/ that is not a c2sp.org/tlog-tiles tile path. */
  MALFORMED_TILE_PATH: 400,
  /** A request target naming another host (absolute form): the front server is no forward proxy. */
  REQUEST_TARGET_REFUSED: 400,
  UNAUTHENTICATED: 401,
  KEY_REVOKED: 401,
  FORBIDDEN: 403,
  /** A certificate's signed file, asked for without its check code by someone who may not see the case. */
  CHECK_CODE_REQUIRED: 403,
  /** A certificate's signed file, asked for with a check code that is not its own. */
  CHECK_CODE_WRONG: 403,
  NOT_FOUND: 404,
  /** A request body that stopped arriving (no byte for the configured time); what arrived is kept. */
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  SIGNATURE_INVALID: 422,
  KEY_NOT_REGISTERED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  /** The server's digest of uploaded bytes differs from the digest the uploader declared. */
  DIGEST_MISMATCH: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The evidence store's disk is full: the request's bytes were not kept. */
  INSUFFICIENT_STORAGE: 507,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** The JSON body of an error response: `{ "error": { "code", "message" } }`. */
export function toErrorBody(error: unknown): {
  status: number;
  body: { error: { code: AppErrorCode; message: string } };
} {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'An unexpected error occurred.' } } };
}
