import 'server-only';
/**
 * Accepting deposits from an authenticated depositor: every statement is validated and every
 * signature checked before anything is written (a batch is all or nothing), then the
 * deposits are sealed (wait) or queued for the sequencer (no wait). An Idempotency-Key
 * makes a retried request return the deposits of the first one.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { uuidArray } from '@/lib/db/binary-array';
import { withTransaction } from '@/lib/db/pool';
import { activeDepositorKeys } from '@/lib/depositors/active-depositor-keys';
import { AppError } from '@/lib/errors/app-error';
import { hexToBytes } from '@/lib/hashing';
import { hasWitnesses } from '@/lib/witnessing/witness-policy';
import { depositTime } from './deposit-clock';
import { newDepositIds } from './deposit-id';
import { claimIdempotencyKey } from './idempotency';
import { insertDeposits } from './insert-deposits';
import { loadReceipts, type Receipt } from './load-receipts';
import type { PendingDeposit } from './pending-deposit';
import {
  type AnswerJson,
  base64Memo,
  buildPendingReceipt,
  buildReceipt,
  type DepositSummary,
  type ReceiptInput,
  sealedSummary,
  summarizeReceipt,
} from './receipt';
import { receiptJsonWriter } from './receipt-json';
import { getSequencer } from './sequencer';
import {
  buildLeavesFromParsed,
  canonicalJsonBytes,
  type DepositRequest,
  type LeafStatement,
  verifyDepositorSignature,
} from './statement';
import { hashLeafBytes } from './tree/node-hash';
import { waitForDeposits } from './wait-for-deposits';

export interface AcceptDepositsOptions {
  org: { id: string; name: string };
  requests: DepositRequest[];
  wait: boolean;
  idempotencyKey?: string;
  now?: Date;
  /**
   * Keep each request's title in deposit_titles, in the transaction that writes its deposit (the
   * portal's deposit page; the leaf commits to the title's SHA-256, so a kept title is always the
   * one its leaf names). API deposits' titles are not kept.
   */
  keepTitles?: boolean;
}

export interface AcceptedDeposits<T = Receipt> {
  /** 201 when every deposit is sealed, 202 when any is still pending. */
  status: 201 | 202;
  receipts: T[];
  replayed: boolean;
}

/** How long a request with ?wait=true waits for deposits an earlier attempt is still sealing. */
const REPLAY_WAIT_MS = 2000;

/** Accepts the deposits and answers with a full receipt for each (DESIGN.md "Fixed formats"). */
export function acceptDeposits(options: AcceptDepositsOptions): Promise<AcceptedDeposits> {
  return accept(options, RECEIPTS);
}

/**
 * Accepts the deposits and answers with a summary of each (`Prefer: return=minimal`): the same
 * deposits sealed the same way, without building a receipt each (a full receipt is ~2.5 KB and
 * building and sending 1000 of them was 40 % of a batch request's server time, measured).
 */
export function acceptDepositSummaries(options: AcceptDepositsOptions): Promise<AcceptedDeposits<DepositSummary>> {
  return accept(options, SUMMARIES);
}

/**
 * Accepts the deposits and answers with each receipt already written as JSON: the same bytes as
 * `JSON.stringify` of acceptDeposits' receipts, made about twice as fast for a batch (receipt-json.ts).
 */
export function acceptDepositsAsJson(options: AcceptDepositsOptions): Promise<AcceptedDeposits<AnswerJson>> {
  return accept(options, RECEIPTS_JSON);
}

/** How an accepted deposit is answered: a receipt, a summary, or a receipt's JSON. */
interface Answer<T extends { status: string }> {
  /** A writer of the answers to one seal's deposits, which may share work between them. */
  sealed(): (input: ReceiptInput) => T;
  pending(id: string, leaf: Uint8Array, statement: LeafStatement): T;
  stored(receipt: Receipt): T;
}

const RECEIPTS: Answer<Receipt> = {
  sealed: () => {
    const encodeHash = base64Memo();
    return (input) => buildReceipt(input, encodeHash);
  },
  pending: buildPendingReceipt,
  stored: (receipt) => receipt,
};

const SUMMARIES: Answer<DepositSummary> = {
  sealed: () => sealedSummary,
  pending: (id) => ({ id, status: 'pending' }),
  stored: summarizeReceipt,
};

const asJson = (receipt: Receipt): AnswerJson => ({
  status: receipt.status,
  json: Buffer.from(JSON.stringify(receipt), 'utf8'),
});

const RECEIPTS_JSON: Answer<AnswerJson> = {
  sealed: () => {
    const write = receiptJsonWriter();
    return (input) => ({ status: 'sealed', json: write(input) });
  },
  pending: (id, leaf, statement) => asJson(buildPendingReceipt(id, leaf, statement)),
  stored: asJson,
};

async function accept<T extends { status: string }>(
  options: AcceptDepositsOptions,
  answer: Answer<T>,
): Promise<AcceptedDeposits<T>> {
  const { org, requests } = options;
  await checkSignatures(org.id, requests);

  // Taken first, so the IDs (time-ordered) and the statements carry the same held time.
  const depositedAt = options.now ?? (await depositTime());
  const depositIds = newDepositIds(requests.length, depositedAt.getTime());
  const claim = options.idempotencyKey
    ? await claimIdempotencyKey({
        orgId: org.id,
        key: options.idempotencyKey,
        requestHash: sha256(canonicalJsonBytes(requests)),
        depositIds,
      })
    : { replayed: false, depositIds };
  const ids = claim.depositIds;
  // On a replay, deposits the first attempt wrote are reused; any it never wrote (it failed) are written now.
  const existing = claim.replayed ? await loadReceipts(ids) : new Map<string, Receipt>();

  const newIds = ids.filter((id) => !existing.has(id));
  const fresh = requests.filter((_, i) => !existing.has(ids[i] as string));
  const built = buildLeavesFromParsed({
    requests: fresh,
    depositor: org,
    depositedAt,
  });
  const statements: LeafStatement[] = built.map((b) => b.statement);
  const toWrite: PendingDeposit[] = built.map(({ leaf, statement }, i) => ({
    id: newIds[i] as string,
    orgId: org.id,
    leaf,
    leafHash: hashLeafBytes(leaf),
    sha256: statement.digests.sha256 ? hexToBytes(statement.digests.sha256) : null,
    sm3: statement.digests.sm3 ? hexToBytes(statement.digests.sm3) : null,
    depositedAt,
    ...(options.keepTitles && fresh[i]?.title !== undefined ? { title: fresh[i].title } : {}),
  }));

  const answers = new Map<string, T>();
  for (const [id, receipt] of existing) answers.set(id, answer.stored(receipt));
  if (!options.wait) {
    await queueDeposits(toWrite);
    for (const [i, d] of toWrite.entries()) {
      answers.set(d.id, answer.pending(d.id, d.leaf, statements[i] as LeafStatement));
    }
  } else {
    const sealed = await getSequencer().submit(toWrite);
    const answerSealed = answer.sealed();
    // Just sealed: no witness has seen the new checkpoint yet (lib/witnessing asks them afterwards).
    const witnessed = hasWitnesses() ? null : undefined;
    for (const [i, s] of sealed.entries()) {
      answers.set(
        s.id,
        answerSealed({ ...s, leaf: (toWrite[i] as PendingDeposit).leaf, statement: statements[i], witnessed }),
      );
    }
    const stillPending = ids.filter((id) => answers.get(id)?.status !== 'sealed');
    if (stillPending.length > 0) {
      for (const [id, r] of await waitForDeposits(stillPending, REPLAY_WAIT_MS)) answers.set(id, answer.stored(r));
    }
  }

  const ordered = ids.map((id) => {
    const r = answers.get(id);
    if (!r)
      throw new AppError('UNAVAILABLE', `Deposit ${id} could not be read back; retry with the same Idempotency-Key.`);
    return r;
  });
  return {
    status: ordered.every((r) => r.status === 'sealed') ? 201 : 202,
    receipts: ordered,
    replayed: claim.replayed,
  };
}

async function checkSignatures(orgId: string, requests: DepositRequest[]): Promise<void> {
  if (!requests.some((r) => r.signature)) return;
  const keys = await activeDepositorKeys(orgId);
  requests.forEach((request, i) => {
    if (!request.signature) return;
    const result = verifyDepositorSignature(request, keys);
    if (!result.ok) {
      const code = result.code === 'KEY_NOT_REGISTERED' ? 'KEY_NOT_REGISTERED' : 'SIGNATURE_INVALID';
      throw new AppError(code, `deposits[${i}].signature: ${result.message}`, { index: i });
    }
  });
}

/**
 * A deposit accepted with ?wait=false is pending for "seconds at most" (DESIGN.md). When the
 * oldest queued deposit has waited longer than this, the sequencers are behind (more is sent
 * than they seal, or none is running) and new ones are refused with 503 rather than queued
 * behind an ever longer wait; those already queued stay queued and are sealed.
 */
export const MAX_QUEUE_WAIT_SECONDS = 10;

async function queueDeposits(deposits: readonly PendingDeposit[]): Promise<void> {
  if (deposits.length === 0) return;
  await withTransaction(async (client) => {
    // One probe of the queue's (enqueued_at, deposit_id) index.
    const { rows } = await client.query<{ behind: boolean }>({
      name: 'verity-queue-behind',
      text: `SELECT enqueued_at < now() - make_interval(secs => $1) AS behind
        FROM sequence_queue ORDER BY enqueued_at, deposit_id LIMIT 1`,
      values: [MAX_QUEUE_WAIT_SECONDS],
    });
    if (rows[0]?.behind) {
      throw new AppError(
        'UNAVAILABLE',
        `The ledger is sealing deposits accepted with ?wait=false more than ${MAX_QUEUE_WAIT_SECONDS} s late; nothing was written. Retry in a few seconds, or deposit without ?wait=false.`,
      );
    }
    await insertDeposits(client, deposits);
    await client.query('INSERT INTO sequence_queue (deposit_id) SELECT unnest($1::uuid[])', [
      uuidArray(deposits.map((d) => d.id)),
    ]);
  });
  void getSequencer()
    .flushQueue()
    .catch(() => {});
}
