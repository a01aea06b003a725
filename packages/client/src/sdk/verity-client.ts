/**
 * `VerityClient`: a depositor's or a verifier's handle on one portal (issue #20). Deposits —
 * one, or many in batches of up to 1000, each batch with its own Idempotency-Key reused on every
 * retry, so nothing is deposited twice — lookups by ID or digest, and receipt checks: offline
 * (verify-receipt.ts) and, online, against a fresh receipt, with every checkpoint proven
 * consistent with the one this client remembers for the log (prove-consistent.ts).
 *
 * Every answer is validated with the one definition of the API's answers (lib/ledger/
 * receipt.schema.ts, log.schema.ts) before it is returned. Browser-safe; errors are VerityError.
 *
 * @module
 */

import type { z } from 'zod';
import { ZVerifierKeyText } from '@/lib/ledger/log.schema';
import { type Receipt, ZDepositList, ZReceipt, ZReceiptBatch } from '@/lib/ledger/receipt.schema';
import type { DepositRequestInput } from '@/lib/ledger/statement/deposit-request.schema';
import { MAX_BATCH_SIZE } from '@/lib/ledger/statement/limits';
import type { WitnessPolicy } from '@/lib/verification/witness-policy';
import { checkOnline } from './check-online';
import { type CheckpointStore, memoryCheckpointStore } from './checkpoint-store';
import { VerityError } from './errors';
import { createHttpClient, type HttpAnswer, type HttpClient, httpError } from './http';
import { type ReceiptVerification, verifyReceipt } from './verify-receipt';

export interface VerityClientOptions {
  /** The portal's base URL, e.g. http://localhost:3000. */
  url: string;
  /** A depositor API key (Authorization: Bearer …); needed for deposits only. */
  apiKey?: string;
  fetch?: typeof fetch;
  /** Retries of a failed request (default 5): 408/429/502/503/504 and network errors. */
  retries?: number;
  /** The first wait between retries, doubled each time up to 8 s (default 500 ms); Retry-After wins. */
  backoffMs?: number;
  /** One attempt's time limit (default 30 s). */
  timeoutMs?: number;
  /** The pinned log verifier key; otherwise GET /api/v1/log/key once (trust on first use, reported). */
  logKey?: string;
  /** The pinned witness policy: receipts must carry the cosignatures of its quorum. */
  witnesses?: WitnessPolicy;
  /** Where the newest verified checkpoint of each log is remembered (default: in memory). */
  checkpoints?: CheckpointStore;
  /** Told what a person should know: a log key trusted on first use, a remembered checkpoint replaced. */
  onWarning?: (message: string) => void;
}

export interface DepositManyOptions {
  /** Statements per request, 1–1000 (default 1000). */
  batchSize?: number;
  signal?: AbortSignal;
  /** The Idempotency-Key of batch `batchIndex` (default: a random UUID); to resume a run, give the same ones. */
  idempotencyKeys?: (batchIndex: number) => string;
  /** Called after each batch, in order, with its receipts (e.g. to write them before the next one). */
  onBatch?: (batch: { offset: number; receipts: Receipt[] }) => void | Promise<void>;
}

export interface VerifyOnlineOptions {
  digests?: { sha256?: string; sm3?: string };
  /** Also fetch a fresh receipt and prove the log consistent (default false: offline only). */
  online?: boolean;
  signal?: AbortSignal;
}

export class VerityClient {
  private readonly http: HttpClient;
  private readonly options: VerityClientOptions;
  private readonly store: CheckpointStore;
  private pinnedKey: Promise<string> | undefined;

  constructor(options: VerityClientOptions) {
    try {
      new URL(options.url);
    } catch {
      throw new VerityError(
        'INVALID_ARGUMENT',
        `url must be the portal's address, like https://verity.court.example (got ${JSON.stringify(options.url)})`,
      );
    }
    this.options = options;
    this.http = createHttpClient(options);
    this.store = options.checkpoints ?? memoryCheckpointStore();
    if (options.logKey !== undefined) this.pinnedKey = Promise.resolve(options.logKey);
  }

  /** Deposits one statement; its receipt (sealed, or pending when the portal did not wait). */
  async deposit(
    request: DepositRequestInput,
    options: { idempotencyKey?: string; signal?: AbortSignal } = {},
  ): Promise<Receipt> {
    const answer = await this.post(
      JSON.stringify(request),
      options.idempotencyKey ?? crypto.randomUUID(),
      options.signal,
    );
    return parse(answer, ZReceipt, 'the deposit');
  }

  /** Batches of ≤ batchSize, one Idempotency-Key per batch reused on every retry; receipts in input order. */
  async depositMany(requests: readonly DepositRequestInput[], options: DepositManyOptions = {}): Promise<Receipt[]> {
    const size = options.batchSize ?? MAX_BATCH_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH_SIZE) {
      throw new VerityError(
        'INVALID_ARGUMENT',
        `batchSize must be a whole number from 1 to ${MAX_BATCH_SIZE} (got ${size})`,
      );
    }
    const receipts: Receipt[] = [];
    for (let offset = 0, index = 0; offset < requests.length; offset += size, index++) {
      const batch = requests.slice(offset, offset + size);
      const key = options.idempotencyKeys?.(index) ?? crypto.randomUUID();
      const answer = await this.post(JSON.stringify({ deposits: batch }), key, options.signal);
      const { deposits } = parse(
        answer,
        ZReceiptBatch,
        `batch ${index} (deposits ${offset}–${offset + batch.length - 1})`,
      );
      if (deposits.length !== batch.length) {
        throw new VerityError(
          'INVALID_RESPONSE',
          `batch ${index}: ${batch.length} statements sent, ${deposits.length} receipts answered`,
        );
      }
      await options.onBatch?.({ offset, receipts: deposits });
      receipts.push(...deposits);
    }
    return receipts;
  }

  /** The deposit with a fresh receipt: its proof to the log's latest checkpoint. */
  async getDeposit(id: string, options: { signal?: AbortSignal } = {}): Promise<Receipt> {
    const answer = await this.http({
      method: 'GET',
      path: `/api/v1/deposits/${encodeURIComponent(id)}`,
      signal: options.signal,
    });
    return parse(answer, ZReceipt, `deposit ${id}`);
  }

  /** Every deposit of a digest (lowercase hex), oldest first; [] when none. */
  async findByDigest(
    query: { sha256: string } | { sm3: string },
    options: { signal?: AbortSignal } = {},
  ): Promise<Receipt[]> {
    const [algorithm, hex] = 'sha256' in query ? ['sha256', query.sha256] : ['sm3', query.sm3];
    const answer = await this.http({
      method: 'GET',
      path: `/api/v1/deposits?${algorithm}=${encodeURIComponent(hex)}`,
      signal: options.signal,
    });
    return parse(answer, ZDepositList, `deposits of ${algorithm} ${hex}`).deposits;
  }

  /** The log key receipts are checked with: the pinned one, or the portal's, trusted on first use. */
  logKey(): Promise<string> {
    this.pinnedKey ??= this.fetchLogKey().catch((error: unknown) => {
      this.pinnedKey = undefined;
      throw error;
    });
    return this.pinnedKey;
  }

  /**
   * Offline checks (verify-receipt.ts); online, also a fresh receipt from the portal (checked the
   * same way, the same leaf), the receipt's checkpoint proven consistent with the fresh one, and
   * the fresh one with the checkpoint remembered for the log, which then advances. A fork: FORK.
   */
  async verifyReceipt(receipt: unknown, options: VerifyOnlineOptions = {}): Promise<ReceiptVerification> {
    const logKey = await this.logKey();
    const common = { logKey, ...(this.options.witnesses ? { witnesses: this.options.witnesses } : {}) };
    const result = await verifyReceipt(receipt, {
      ...common,
      ...(options.digests ? { digests: options.digests } : {}),
    });
    const given = result.receipt;
    if (!options.online || !given) return result;
    return checkOnline(
      { ...result, receipt: given },
      {
        fresh: await this.getDeposit(given.id, { signal: options.signal }),
        http: this.http,
        store: this.store,
        ...common,
        ...(this.options.onWarning ? { onWarning: this.options.onWarning } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
  }

  private async fetchLogKey(): Promise<string> {
    const answer = await this.http({ method: 'GET', path: '/api/v1/log/key' });
    if (answer.status !== 200) throw httpError(answer, 'the log key');
    const parsed = ZVerifierKeyText.safeParse(answer.text);
    if (!parsed.success)
      throw new VerityError('INVALID_RESPONSE', 'GET /api/v1/log/key answered something that is not a verifier key');
    const key = parsed.data.trim();
    this.options.onWarning?.(`trusting the log key on first use: ${key} (pin it with the logKey option)`);
    return key;
  }

  private async post(body: string, idempotencyKey: string, signal?: AbortSignal): Promise<HttpAnswer> {
    if (!this.options.apiKey)
      throw new VerityError(
        'UNAUTHORIZED',
        'no API key: deposits need the apiKey option (VERITY_API_KEY for the command)',
      );
    return this.http({
      method: 'POST',
      path: '/api/v1/deposits',
      headers: {
        authorization: `Bearer ${this.options.apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
      },
      body,
      signal,
    });
  }
}

/** A 2xx answer parsed with `schema`; otherwise the portal's error. */
function parse<T>(answer: HttpAnswer, schema: z.ZodType<T>, what: string): T {
  if (answer.status < 200 || answer.status > 299) throw httpError(answer, what);
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw new VerityError(
      'INVALID_RESPONSE',
      `${what}: the portal answered HTTP ${answer.status} with something that is not JSON`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new VerityError(
      'INVALID_RESPONSE',
      `${what}: the answer is not what the API defines (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    );
  }
  return parsed.data;
}
