/**
 * The one failure type of the witness: an HTTP status the tlog-witness spec names for the case
 * and a message for the client (one line, what was wrong). `size` is set on 409 only: the tree
 * size of the latest cosigned checkpoint, the body of the `text/x.tlog.size` answer.
 *
 * @module
 */
export type WitnessStatus = 400 | 403 | 404 | 405 | 409 | 413 | 422 | 429 | 500 | 503;

export class WitnessError extends Error {
  readonly status: WitnessStatus;
  readonly size?: bigint;
  /** Seconds, for 429. */
  readonly retryAfter?: number;

  constructor(status: WitnessStatus, message: string, extra: { size?: bigint; retryAfter?: number } = {}) {
    super(message);
    this.name = 'WitnessError';
    this.status = status;
    if (extra.size !== undefined) this.size = extra.size;
    if (extra.retryAfter !== undefined) this.retryAfter = extra.retryAfter;
  }
}
