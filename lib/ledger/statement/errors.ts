/**
 * The one error type of `lib/ledger/statement`. Functions that turn values into canonical bytes or
 * parse leaf bytes either return a checked value or throw a `StatementError` whose `code` says
 * which check failed, so a caller maps it to an HTTP status or a verdict without parsing messages.
 *
 * Like `lib/hashing` and `lib/tlog` this module never imports the app-wide `AppError`: it must stay
 * importable in the browser (the public check page shows what a leaf commits to). Callers
 * translate at their edge. Deposit requests are validated with zod (`ZodError`), and signature
 * checks return a typed result instead of throwing: a bad signature is data, not a bug.
 *
 * @module
 */

export const STATEMENT_ERROR_CODES = [
  /** A caller passed a value of the wrong type or range (a programming error, not bad data). */
  'INVALID_ARGUMENT',
  /** A value cannot be written as RFC 8785 canonical JSON (NaN, undefined, a Date, a cycle, …). */
  'NOT_JSON',
  /** Leaf bytes are not UTF-8 JSON, or are JSON but not in RFC 8785 canonical form. */
  'NOT_CANONICAL',
  /** Leaf bytes are canonical JSON but not a valid deposit statement (unknown field, bad digest, …). */
  'INVALID_STATEMENT',
] as const;

export type StatementErrorCode = (typeof STATEMENT_ERROR_CODES)[number];

export class StatementError extends Error {
  readonly code: StatementErrorCode;

  constructor(code: StatementErrorCode, message: string) {
    super(message);
    this.name = 'StatementError';
    this.code = code;
  }
}

/** Narrows `error` to a `StatementError`, optionally with one specific code. */
export function isStatementError(error: unknown, code?: StatementErrorCode): error is StatementError {
  return error instanceof StatementError && (code === undefined || error.code === code);
}
