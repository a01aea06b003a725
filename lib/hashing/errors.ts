/**
 * The one error type of `lib/hashing`. Public functions either return a checked value or throw a
 * `HashingError` whose `code` says which check failed, so a caller maps it to an HTTP status
 * (e.g. `MALFORMED_DIGEST` → 422) without parsing messages.
 *
 * Like `lib/tlog`, this module never imports the app-wide `AppError`: it must stay free of the
 * rest of `lib/` to run in the browser, in Web Workers and in the CLI. Callers translate at
 * their edge. Aborts are not `HashingError`s: they reject with an `AbortError`, as `fetch` does.
 *
 * @module
 */

export const HASHING_ERROR_CODES = [
  /** A caller passed a value of the wrong type or range (a programming error, not bad data). */
  'INVALID_ARGUMENT',
  /** A hex digest has the wrong length or a non-hex character. */
  'MALFORMED_DIGEST',
  /** Two digest sets were compared that share no algorithm, so nothing could be compared. */
  'NO_COMMON_ALGORITHM',
  /** The input produced a different number of bytes than it declared (a file changed while read). */
  'SIZE_MISMATCH',
] as const;

export type HashingErrorCode = (typeof HASHING_ERROR_CODES)[number];

export class HashingError extends Error {
  readonly code: HashingErrorCode;

  constructor(code: HashingErrorCode, message: string) {
    super(message);
    this.name = 'HashingError';
    this.code = code;
  }
}

/** Narrows `error` to a `HashingError`, optionally with one specific code. */
export function isHashingError(error: unknown, code?: HashingErrorCode): error is HashingError {
  return error instanceof HashingError && (code === undefined || error.code === code);
}

/**
 * The error an aborted hash rejects with: the signal's own reason when it is already an
 * `AbortError` (so `controller.abort()` callers get back what they expect), otherwise a fresh
 * `AbortError` — one name to check whether the signal came from a timeout or a cancel button.
 */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('Hashing was aborted', 'AbortError');
}
