import 'server-only';
/**
 * Charges deposits to an API key's limits before they are accepted (issue #21): a rate with a
 * burst, as GCRA (the token bucket kept as one "theoretical arrival time", api_key_usage.rate_tat)
 * and a quota per UTC day. Both live in the database, in one UNLOGGED row per key, so they hold
 * across every front server of a deployment (test/cluster runs several): the row is locked and
 * both limits charged, or neither, by one function call (verity_charge_deposits, in the
 * migration), which takes a process's concurrent requests for the key together.
 *
 * A refusal says when to come back: Retry-After (RFC 9110 §10.2.3) in whole seconds, rounded up,
 * until the bucket holds the batch, or until 00:00 UTC for the daily quota; rate-limit-headers.ts
 * writes the RateLimit-* headers.
 */
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import type { DepositLimits } from './deposit-limits';
import { nextUtcMidnight, rateLimitHeaders, type UsageState } from './rate-limit-headers';

export interface ChargeDepositLimitsOptions {
  apiKeyId: string;
  limits: DepositLimits;
  /** Deposits in the request (a batch counts each). */
  deposits: number;
}

export interface ChargedDeposits {
  /** Whether anything was charged (false: the key has neither a rate limit nor a daily quota). */
  limited: boolean;
  /** RateLimit-* headers for the answer (none when the key has no limit). */
  headers: Record<string, string>;
}

/** The details of a RATE_LIMITED refusal: the answer's Retry-After and RateLimit-* headers. */
export interface RateLimitedDetails {
  retryAfterSeconds: number;
  limit: 'rate' | 'dailyQuota';
  headers: Record<string, string>;
}

/** Throws PAYLOAD_TOO_LARGE (never fits) or RATE_LIMITED (fits later: details say when). */
export async function chargeDepositLimits(options: ChargeDepositLimitsOptions): Promise<ChargedDeposits> {
  const { apiKeyId, limits, deposits: n } = options;
  if (limits.ratePerMinute === null && limits.dailyQuota === null) return { limited: false, headers: {} };
  const max = Math.min(limits.ratePerMinute === null ? n : limits.burst, limits.dailyQuota ?? n);
  if (n > max) {
    // Waiting would never help: say so rather than send the client into a Retry-After loop.
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `This API key may send at most ${max} deposits in one request (its ${n > (limits.dailyQuota ?? n) ? 'daily quota' : 'burst'}); send smaller batches.`,
      { maxDeposits: max },
    );
  }
  // Seconds per deposit at the key's rate; 0: no rate limit (rate_tat then only follows the clock).
  const interval = limits.ratePerMinute === null ? 0 : 60 / limits.ratePerMinute;
  const { accepted, state } = await chargeTogether(apiKeyId, interval, limits, n);
  if (accepted) return { limited: true, headers: rateLimitHeaders(limits, state) };
  throw refusal(limits, n, interval, state);
}

interface Waiting {
  n: number;
  resolve: (outcome: { accepted: boolean; state: UsageState }) => void;
  reject: (error: unknown) => void;
}

/** At most this many requests in one statement (a bounded array parameter). */
const MAX_TOGETHER = 1000;
/** Per key and limits: the requests waiting while a charge for them is in flight. */
const queues = new Map<string, Waiting[]>();

/**
 * Charges `n` deposits with the requests of the same key that arrive while an earlier charge is
 * in flight: one statement (verity_charge_deposits) for all of them, each accepted or refused in
 * order of arrival. Without this, 256 clients of one key queued on its row one statement each,
 * measured at 0.69× the deposits/s without limits (bench/deposit-limits.ts).
 */
function chargeTogether(
  apiKeyId: string,
  interval: number,
  limits: DepositLimits,
  n: number,
): Promise<{ accepted: boolean; state: UsageState }> {
  const id = `${apiKeyId} ${interval} ${limits.burst} ${limits.dailyQuota}`;
  return new Promise((resolve, reject) => {
    const queued = queues.get(id);
    if (queued) {
      queued.push({ n, resolve, reject });
      return;
    }
    const waiting: Waiting[] = [{ n, resolve, reject }];
    queues.set(id, waiting);
    void drain(id, waiting, apiKeyId, interval, limits);
  });
}

async function drain(
  id: string,
  waiting: Waiting[],
  apiKeyId: string,
  interval: number,
  limits: DepositLimits,
): Promise<void> {
  while (waiting.length > 0) {
    const together = waiting.splice(0, MAX_TOGETHER);
    try {
      const { rows } = await getPool().query<UsageState & { accepted: boolean[] }>({
        name: 'verity-charge-deposits',
        text: `SELECT accepted, used, tat_ms AS tat, now_ms AS now FROM verity_charge_deposits($1, $2::integer[], $3, $4, $5)`,
        values: [apiKeyId, together.map((w) => w.n), interval, limits.burst, limits.dailyQuota],
      });
      const row = rows[0];
      if (!row) throw new Error('verity_charge_deposits answered no row');
      const state = { used: row.used, tat: row.tat, now: row.now };
      for (const [i, w] of together.entries()) w.resolve({ accepted: row.accepted[i] === true, state });
    } catch (error) {
      for (const w of together) w.reject(error);
    }
  }
  queues.delete(id);
}

/**
 * Gives back the daily quota of deposits that were charged but not written (the request failed
 * after the charge, or replayed an Idempotency-Key whose deposits exist). The rate is not given
 * back: the server did the request's work all the same.
 */
export async function refundDailyQuota(apiKeyId: string, deposits: number): Promise<void> {
  await getPool().query({
    name: 'verity-refund-daily-quota',
    text: `UPDATE api_key_usage SET deposits = greatest(deposits - $2, 0)
      WHERE api_key_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date`,
    values: [apiKeyId, deposits],
  });
}

/** The refusal of `n` deposits, from the state after the charges they were sent with. */
function refusal(limits: DepositLimits, n: number, interval: number, state: UsageState): AppError {
  const headers = rateLimitHeaders(limits, state);
  if (limits.dailyQuota !== null && state.used + n > limits.dailyQuota) {
    const retryAfterSeconds = Math.max(1, Math.ceil((nextUtcMidnight(state.now) - state.now) / 1000));
    const left = limits.dailyQuota - state.used;
    return rateLimited(
      `This API key's daily quota of ${limits.dailyQuota} deposits is used up (${left} left today, ${n} sent); nothing was deposited. The quota renews at 00:00 UTC, in ${retryAfterSeconds} s.`,
      { retryAfterSeconds, limit: 'dailyQuota', headers },
    );
  }
  // The batch fits once the bucket has drained to burst − n: at tat − (burst − n) × interval.
  const fitsAt = state.tat - (limits.burst - n) * interval * 1000;
  // At least 1: whole seconds, and a request refused now is not to be retried at once.
  const retryAfterSeconds = Math.max(1, Math.ceil((fitsAt - state.now) / 1000));
  return rateLimited(
    `This API key may deposit ${limits.ratePerMinute} deposits a minute (at most ${limits.burst} at once); nothing was deposited. Retry in ${retryAfterSeconds} s.`,
    { retryAfterSeconds, limit: 'rate', headers },
  );
}

function rateLimited(message: string, details: RateLimitedDetails): AppError {
  return new AppError('RATE_LIMITED', message, { ...details });
}
