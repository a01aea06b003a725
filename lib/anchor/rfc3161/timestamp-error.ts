/**
 * The failure of requestTimestamp: every configured TSA was tried and none gave a usable token.
 * `attempts` says, per URL in the order tried, what went wrong; `code` is the last attempt's
 * (or BAD_OPTIONS when the call itself was wrong).
 *
 * @module
 */
export type TimestampErrorCode =
  | 'BAD_OPTIONS'
  | 'TSA_UNREACHABLE'
  | 'TSA_HTTP_ERROR'
  | 'TSA_GARBAGE'
  | 'TSA_REFUSED'
  | 'TSA_WRONG_IMPRINT'
  | 'TSA_WRONG_NONCE'
  | 'TSA_BAD_SIGNATURE'
  | 'TSA_UNTRUSTED';

export interface TimestampAttempt {
  url: string;
  code: Exclude<TimestampErrorCode, 'BAD_OPTIONS'>;
  message: string;
}

export class TimestampError extends Error {
  readonly code: TimestampErrorCode;
  readonly attempts: TimestampAttempt[];

  constructor(code: TimestampErrorCode, message: string, attempts: TimestampAttempt[] = []) {
    super(message);
    this.name = 'TimestampError';
    this.code = code;
    this.attempts = attempts;
  }
}
