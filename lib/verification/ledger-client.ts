/**
 * The public read API of the ledger, as the browser calls it (lib/ledger/openapi.ts): receipts by
 * digest or by deposit ID, the latest checkpoint, consistency proofs. Every JSON answer is
 * validated at this edge with the schemas the server's answers are defined by
 * (lib/ledger/receipt.schema.ts, log.schema.ts); nothing in it is trusted until the proof checks
 * (check-receipt.ts). Only digests and IDs go out: these are GET requests without bodies.
 *
 * Browser-safe. The schemas (and zod with them) are imported with the first JSON answer: a first
 * visit's check of the log (a checkpoint, which is text) needs none of it, so a visitor who only
 * opens the page does not download zod (engine.ts).
 *
 * @module
 */
import type { z } from 'zod';
import type { Algorithm } from '@/lib/hashing/digests';
import type { Receipt } from '@/lib/ledger/receipt.schema';
import { base64ToBytes } from '@/lib/tlog';

export type { Receipt, SealedReceipt } from '@/lib/ledger/receipt.schema';

const loadSchemas = async () => {
  const [receipts, log] = await Promise.all([import('@/lib/ledger/receipt.schema'), import('@/lib/ledger/log.schema')]);
  return { ZReceipt: receipts.ZReceipt, ZDepositList: receipts.ZDepositList, ZConsistencyProof: log.ZConsistencyProof };
};

/** The ledger could not be asked (network, server error, an answer of the wrong shape). */
export class LedgerUnavailableError extends Error {
  readonly status: number | null;
  constructor(message: string, status: number | null = null) {
    super(message);
    this.name = 'LedgerUnavailableError';
    this.status = status;
  }
}

export interface LedgerClient {
  depositsByDigest(algorithm: Algorithm, hex: string): Promise<Receipt[]>;
  /** null when no deposit has this ID (404). */
  deposit(id: string): Promise<Receipt | null>;
  latestCheckpoint(): Promise<string>;
  /** The proof between two checkpoint sizes the log has issued; null when it denies issuing one (404). */
  consistencyProof(from: bigint, to: bigint): Promise<Uint8Array[] | null>;
}

async function get(path: string): Promise<Response | null> {
  let response: Response;
  try {
    response = await fetch(path, { cache: 'no-store', headers: { accept: 'application/json, text/plain' } });
  } catch (error) {
    throw new LedgerUnavailableError(error instanceof Error ? error.message : String(error));
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new LedgerUnavailableError(`${path} answered HTTP ${response.status}`, response.status);
  return response;
}

async function json<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  const response = await get(path);
  if (!response) return null;
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new LedgerUnavailableError(`${path} answered in an unexpected shape`);
  return parsed.data;
}

/**
 * The log's witness policy (`GET /api/v1/log/witnesses`) as JSON, unchecked: witness-policy.ts
 * checks it by hand (no zod on opening the page). null when the log serves none (404).
 */
export async function fetchWitnessPolicy(): Promise<unknown> {
  const response = await get('/api/v1/log/witnesses');
  if (!response) return null;
  try {
    return await response.json();
  } catch {
    throw new LedgerUnavailableError('/api/v1/log/witnesses answered in an unexpected shape');
  }
}

export const ledgerClient: LedgerClient = {
  async depositsByDigest(algorithm, hex) {
    const { ZDepositList } = await loadSchemas();
    const list = await json(`/api/v1/deposits?${algorithm}=${encodeURIComponent(hex)}`, ZDepositList);
    return list?.deposits ?? [];
  },
  async deposit(id) {
    const { ZReceipt } = await loadSchemas();
    return json(`/api/v1/deposits/${encodeURIComponent(id)}`, ZReceipt);
  },
  async latestCheckpoint() {
    const response = await get('/api/v1/log/checkpoint');
    if (!response) throw new LedgerUnavailableError('the log has no checkpoint yet', 404);
    return response.text();
  },
  async consistencyProof(from, to) {
    const { ZConsistencyProof } = await loadSchemas();
    const answer = await json(`/api/v1/log/consistency?from=${from}&to=${to}`, ZConsistencyProof);
    // Malformed base64 throws a TlogError: a broken proof, judged by the caller like a wrong one.
    return answer ? answer.proof.map(base64ToBytes) : null;
  },
};
