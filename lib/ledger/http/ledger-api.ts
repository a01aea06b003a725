import 'server-only';
/**
 * The ledger's HTTP API without a framework: each endpoint takes a small request interface
 * and returns status, headers and JSON text. The Next.js route handlers (app/api/v1/deposits/…,
 * app/api/v1/log/…) and the portal's front server (lib/front) both call these, so the ledger's
 * endpoints are served without the page framework's per-request cost while behaving exactly the
 * same. What each answers is defined once in receipt.schema.ts, log.schema.ts and
 * lib/errors/error-body.schema.ts, and described by lib/ledger/openapi.ts.
 */
import { z } from 'zod';
import { chainLabels } from '@/lib/anchor/anchor-settings';
import { listAnchors } from '@/lib/anchor/anchor-store';
import { attachDepositAnchors } from '@/lib/anchor/attach-deposit-anchors';
import { authenticateApiKey } from '@/lib/depositors/authenticate-api-key';
import {
  type ChargedDeposits,
  chargeDepositLimits,
  type RateLimitedDetails,
  refundDailyQuota,
} from '@/lib/depositors/charge-deposit-limits';
import { type DepositLimits, effectiveDepositLimits } from '@/lib/depositors/deposit-limits';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { errorResult, parseJsonBytes, requireJsonContentType } from '@/lib/errors/http';
import { publicWitnessPolicy, witnessPolicy } from '@/lib/witnessing/witness-policy';
import { listAlarms, servedCheckpoint } from '@/lib/witnessing/witness-store';
import { type AcceptDepositsOptions, acceptDepositSummaries, acceptDepositsAsJson } from '../accept-deposits';
import { issuedConsistencyProof, ZConsistencyQuery } from '../consistency-proof';
import { findDepositsByDigest, ZDigestQuery } from '../find-deposits-by-digest';
import { idempotencyKeyUsed } from '../idempotency';
import { latestCheckpoint } from '../latest-checkpoint';
import { loadReceipts } from '../load-receipts';
import { logSigner } from '../log-signer';
import type { DepositSummary } from '../receipt';
import { type DepositSummaries, ZDepositId } from '../receipt.schema';
import { depositsJson } from '../receipt-json';
import { ZDepositBatch, ZDepositRequest } from '../statement';
import { prefersMinimalReturn } from './prefer';
import { getTile, TILE_PATH_PREFIX } from './tile-api';

export interface ApiRequest {
  readonly url: URL;
  /** A request header (case-insensitive name), or null. */
  header(name: string): string | null;
  /** The whole body; PAYLOAD_TOO_LARGE past `maxBytes`, declared or sent, without buffering it all first. */
  body(maxBytes: number): Promise<Uint8Array>;
}

export interface ApiResult {
  status: number;
  headers: Record<string, string>;
  /** Text, or bytes already encoded (UTF-8). */
  body: string | Uint8Array<ArrayBuffer>;
}

/** 1000 deposits with their largest metadata fit well within this. */
export const MAX_DEPOSIT_BODY_BYTES = 8 * 1024 * 1024;

const ZIdempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be 1–255 visible ASCII characters');

const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/**
 * Deposits, lookups and errors are answers to one request (a receipt's proof is to the checkpoint
 * of the moment, and a lookup's answer changes as deposits are sealed): no cache keeps them.
 */
const NO_STORE = 'no-store';

/**
 * The checkpoint changes with every sealed batch, and c2sp.org/tlog-tiles asks that its caching
 * stop at "a few seconds". One second lets a shared cache in front of the portal absorb monitors
 * polling it, while no reader sees a state more than a second old; the browser's own client asks
 * with `cache: 'no-store'` anyway. A stale checkpoint is never wrong, only older: it is signed, and
 * every newer one is consistent with it.
 */
export const CHECKPOINT_CACHE_CONTROL = 'public, max-age=1';

/**
 * A consistency proof between two sizes the log has signed never changes (refusals are errors,
 * and errors are not stored), and the log's key is its identity: both may be kept for a day.
 */
export const PROOF_CACHE_CONTROL = 'public, max-age=86400, immutable';
export const LOG_KEY_CACHE_CONTROL = 'public, max-age=86400';
/** The witness policy changes only with the configuration (a restart): a minute. */
export const WITNESSES_CACHE_CONTROL = 'public, max-age=60';

/**
 * POST /api/v1/deposits: one statement or { deposits: [...] }; 201 with receipts once sealed, or
 * 202 with ?wait=false. With `Prefer: return=minimal` (RFC 7240), summaries instead of receipts.
 */
export function postDeposits(request: ApiRequest): Promise<ApiResult> {
  return answer(async () => {
    const auth = await authenticateApiKey(request.header('authorization'));
    if (!auth.ok) throw new AppError(auth.code, auth.message);
    requireJsonContentType(request.header('content-type'));
    const body = parseJsonBytes(await request.body(MAX_DEPOSIT_BODY_BYTES));
    const batch = typeof body === 'object' && body !== null && 'deposits' in body;
    const requests = batch ? ZDepositBatch.parse(body).deposits : [ZDepositRequest.parse(body)];
    const key = request.header('idempotency-key');
    const options: AcceptDepositsOptions = {
      org: auth.org,
      requests,
      wait: request.url.searchParams.get('wait') !== 'false',
      idempotencyKey: key === null ? undefined : ZIdempotencyKey.parse(key),
    };
    const charged = await charge(auth.apiKeyId, auth.org.id, effectiveDepositLimits(auth.limits), options);
    const answerAs = { batch, minimal: prefersMinimalReturn(request.header('prefer')) };
    const result = await acceptCharged(auth.apiKeyId, options, answerAs, charged.limited);
    return { ...result, headers: { ...result.headers, ...charged.headers } };
  });
}

/**
 * Charges the key's limits for a well-formed request before anything is written: a refused request
 * deposits nothing (RATE_LIMITED, answered 429 with Retry-After by `answer`). Only on a refusal,
 * a retry of a request that was accepted (its Idempotency-Key used) goes through uncharged: it
 * is answered with the deposits that exist, and a client whose answer was lost must get it.
 */
async function charge(
  apiKeyId: string,
  orgId: string,
  limits: DepositLimits,
  options: AcceptDepositsOptions,
): Promise<ChargedDeposits> {
  try {
    return await chargeDepositLimits({ apiKeyId, limits, deposits: options.requests.length });
  } catch (error) {
    const key = options.idempotencyKey;
    if (isAppError(error, 'RATE_LIMITED') && key !== undefined && (await idempotencyKeyUsed(orgId, key))) {
      return { limited: false, headers: {} };
    }
    throw error;
  }
}

/**
 * Accepts charged deposits. What was charged but not written goes back to the daily quota: a
 * refusal after the charge (a signature, a reused Idempotency-Key: 4xx), and a replay, whose
 * deposits were charged by the request that wrote them.
 */
async function acceptCharged(
  apiKeyId: string,
  options: AcceptDepositsOptions,
  answerAs: AnswerAs,
  limited: boolean,
): Promise<ApiResult> {
  const refund = () =>
    refundDailyQuota(apiKeyId, options.requests.length).catch((error: Error) => {
      console.error(`verity: could not refund API key ${apiKeyId}'s daily quota: ${error.message}`);
    });
  try {
    const result = await acceptAnswer(options, answerAs);
    if (limited && result.headers['idempotent-replayed']) await refund();
    return result;
  } catch (error) {
    // A 503 (or worse) may have written deposits before failing; only a refusal surely wrote none.
    if (limited && isAppError(error) && error.status < 500) await refund();
    throw error;
  }
}

/** How the request asked to be answered: a batch's shape or one deposit's, receipts or summaries. */
interface AnswerAs {
  batch: boolean;
  minimal: boolean;
}

async function acceptAnswer(options: AcceptDepositsOptions, { batch, minimal }: AnswerAs): Promise<ApiResult> {
  if (minimal) {
    const result = await acceptDepositSummaries(options);
    return json(result.status, minimalAnswer(batch, result.receipts), {
      'preference-applied': 'return=minimal',
      ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  }
  // Receipts come written as JSON (receipt-json.ts): a batch's answer is ~2.5 MB.
  const result = await acceptDepositsAsJson(options);
  const receipts = result.receipts.map((r) => r.json);
  return {
    status: result.status,
    headers: {
      'content-type': JSON_TYPE,
      'cache-control': NO_STORE,
      ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
    body: batch ? depositsJson(receipts) : (receipts[0] as Uint8Array<ArrayBuffer>),
  };
}

/**
 * A batch's summaries share one checkpoint: the newest among them, whose tree contains every
 * sealed deposit listed (each was sealed into a tree no larger, and the log only grows).
 */
function minimalAnswer(batch: boolean, summaries: DepositSummary[]): DepositSummary | DepositSummaries {
  if (!batch) return summaries[0] as DepositSummary;
  let newest: (DepositSummary & { status: 'sealed' }) | undefined;
  for (const s of summaries) {
    if (s.status === 'sealed' && (newest === undefined || s.treeSize > newest.treeSize)) newest = s;
  }
  return {
    deposits: summaries.map((s) =>
      s.status === 'sealed' ? { id: s.id, status: s.status, leafIndex: s.leafIndex } : { id: s.id, status: s.status },
    ),
    ...(newest ? { treeSize: newest.treeSize, checkpoint: newest.checkpoint } : {}),
  };
}

/** GET /api/v1/deposits?sha256=<hex> or ?sm3=<hex>: every deposit of that digest, oldest first. */
export function getDepositsByDigest(request: ApiRequest): Promise<ApiResult> {
  return answer(async () => {
    const query = ZDigestQuery.parse(Object.fromEntries(request.url.searchParams));
    return json(200, { deposits: await findDepositsByDigest(query) });
  });
}

/** GET /api/v1/deposits/{id}: the deposit and a fresh receipt, its proof to the latest checkpoint. */
export function getDeposit(rawId: string): Promise<ApiResult> {
  return answer(async () => {
    const id = ZDepositId.parse(rawId);
    const receipt = (await loadReceipts([id])).get(id);
    if (!receipt) throw new AppError('NOT_FOUND', `No deposit has the ID ${id}.`);
    // A log that anchors says where this deposit is anchored, or null: not yet (lib/anchor).
    return json(200, (await attachDepositAnchors(new Map([[id, receipt]]))).get(id));
  });
}

/**
 * GET /api/v1/log/checkpoint: the current signed checkpoint (C2SP signed note), as text. With
 * witnesses, the newest that meets the quorum, with their cosignature lines; until one does, the
 * newest the log signed with whatever cosignatures it has (a verifier with the policy then finds
 * it not yet witnessed). Without witnesses, the newest the log signed.
 */
export function getCheckpoint(): Promise<ApiResult> {
  return answer(async () => ({
    status: 200,
    headers: { 'content-type': TEXT_TYPE, 'cache-control': CHECKPOINT_CACHE_CONTROL },
    body: await currentCheckpointNote(),
  }));
}

async function currentCheckpointNote(): Promise<string> {
  const policy = witnessPolicy();
  if (policy.witnesses.length === 0) return (await latestCheckpoint()).note;
  const served = await servedCheckpoint(policy);
  if (served) return served.note;
  return (await latestCheckpoint()).note; // a new log: signs its first (empty) checkpoint
}

/** GET /api/v1/log/witnesses: whom the log asks to cosign and how many must (DESIGN.md). */
export function getWitnesses(): Promise<ApiResult> {
  return answer(async () => json(200, publicWitnessPolicy(), { 'cache-control': WITNESSES_CACHE_CONTROL }));
}

/** GET /api/v1/log/alarms: witnesses' refusals that show another history of the log, newest first. */
export function getAlarms(): Promise<ApiResult> {
  return answer(async () => json(200, await listAlarms(ALARMS_LISTED), { 'cache-control': CHECKPOINT_CACHE_CONTROL }));
}

const ZAnchorsQuery = z
  .strictObject({
    from: z.coerce.bigint().nonnegative().optional(),
    to: z.coerce.bigint().nonnegative().optional(),
  })
  .refine((q) => q.to === undefined || q.from !== undefined, { message: 'to needs from', path: ['to'] })
  .refine((q) => q.to === undefined || q.from === undefined || q.to >= q.from, {
    message: 'to must not be smaller than from',
    path: ['to'],
  });

/** GET /api/v1/log/anchors: where checkpoints were fixed outside the operator's reach (lib/anchor). */
export function getAnchors(request: ApiRequest): Promise<ApiResult> {
  return answer(async () => {
    const { from, to } = ZAnchorsQuery.parse(Object.fromEntries(request.url.searchParams));
    const anchors = await listAnchors({ from, to, limit: ANCHORS_LISTED, labels: chainLabels() });
    return json(200, anchors, { 'cache-control': CHECKPOINT_CACHE_CONTROL });
  });
}

/** Anchors listed by one GET /api/v1/log/anchors. */
export const ANCHORS_LISTED = 100;

/** Alarms listed by GET /api/v1/log/alarms (the total says how many exist). */
export const ALARMS_LISTED = 20;

/** GET /api/v1/log/key: the log's verifier key, `<origin>+<key id>+<base64(0x01 || Ed25519 public key)>`. */
export function getLogKey(): Promise<ApiResult> {
  return answer(async () => ({
    status: 200,
    headers: { 'content-type': TEXT_TYPE, 'cache-control': LOG_KEY_CACHE_CONTROL },
    body: `${logSigner().verifierKey}\n`,
  }));
}

/** GET /api/v1/log/consistency?from=N&to=M: the proof between two checkpoints the log issued. */
export function getConsistency(request: ApiRequest): Promise<ApiResult> {
  return answer(async () => {
    const { from, to } = ZConsistencyQuery.parse(Object.fromEntries(request.url.searchParams));
    return json(200, await issuedConsistencyProof(from, to), { 'cache-control': PROOF_CACHE_CONTROL });
  });
}

/** The endpoint for a method and path, or undefined (the front server hands those to Next.js). */
export function ledgerRoute(
  method: string | undefined,
  pathname: string,
): ((r: ApiRequest) => Promise<ApiResult>) | undefined {
  if (pathname === '/api/v1/deposits') {
    if (method === 'POST') return postDeposits;
    if (method === 'GET') return getDepositsByDigest;
    return undefined;
  }
  if (method !== 'GET') return undefined;
  if (pathname === '/api/v1/log/checkpoint') return getCheckpoint;
  if (pathname === '/api/v1/log/key') return getLogKey;
  if (pathname === '/api/v1/log/witnesses') return getWitnesses;
  if (pathname === '/api/v1/log/alarms') return getAlarms;
  if (pathname === '/api/v1/log/anchors') return getAnchors;
  if (pathname === '/api/v1/log/consistency') return getConsistency;
  if (pathname.startsWith(TILE_PATH_PREFIX)) return getTile;
  const prefix = '/api/v1/deposits/';
  if (pathname.startsWith(prefix) && pathname.indexOf('/', prefix.length) < 0 && pathname.length > prefix.length) {
    const id = decodeSegment(pathname.slice(prefix.length));
    return id === undefined ? undefined : () => getDeposit(id);
  }
  return undefined;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // malformed escapes: Next.js answers those itself
  }
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): ApiResult {
  return {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': NO_STORE, ...headers },
    body: JSON.stringify(value),
  };
}

async function answer(fn: () => Promise<ApiResult>): Promise<ApiResult> {
  try {
    return await fn();
  } catch (error) {
    const { status, body } = errorResult(error);
    // RFC 9110 §10.2.3: when to try again (the ledger's UNAVAILABLE conditions are short-lived).
    return json(status, body, status === 503 ? { 'retry-after': '5' } : rateLimitedHeaders(error));
  }
}

/** A deposit limit's refusal: Retry-After (exact, rounded up to a second) and the RateLimit-* headers. */
function rateLimitedHeaders(error: unknown): Record<string, string> {
  if (!isAppError(error, 'RATE_LIMITED') || !error.details) return {};
  const { retryAfterSeconds, headers } = error.details as unknown as RateLimitedDetails;
  return { ...headers, 'retry-after': String(retryAfterSeconds) };
}
