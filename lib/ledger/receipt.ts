import 'server-only';
/**
 * Deposit receipts in the format fixed by DESIGN.md ("Fixed formats"): enough for anyone to
 * check, offline and with standard tools, that the leaf is in the log the key signs for.
 */
import { bytesToBase64, formatTlogProof } from '@/lib/tlog';
import type {
  DepositSummary,
  PendingReceipt,
  Receipt,
  SealedReceipt,
  SealedSummary,
  Witnessed,
} from './receipt.schema';
import { type LeafStatement, parseLeaf } from './statement';

// The types are the schemas' (receipt.schema.ts): one definition for the server, the browser,
// the OpenAPI document and the tests.
export type { DepositSummary, PendingReceipt, Receipt, SealedReceipt, SealedSummary, Witnessed };

/** A deposit's answer as JSON bytes (its receipt, written once), with its status. */
export interface AnswerJson {
  status: 'sealed' | 'pending';
  json: Uint8Array<ArrayBuffer>;
}

/** The summary of a sealed deposit: from what its receipt is built from, or from the receipt itself. */
export function sealedSummary(input: {
  id: string;
  leafIndex: bigint | number;
  treeSize: bigint | number;
  checkpoint: string;
}): SealedSummary {
  return {
    id: input.id,
    status: 'sealed',
    leafIndex: Number(input.leafIndex),
    treeSize: Number(input.treeSize),
    checkpoint: input.checkpoint,
  };
}

/** The summary of a stored deposit's receipt. */
export function summarizeReceipt(receipt: Receipt): DepositSummary {
  return receipt.status === 'pending' ? { id: receipt.id, status: 'pending' } : sealedSummary(receipt);
}

export interface ReceiptInput {
  id: string;
  leaf: Uint8Array;
  leafIndex: bigint;
  treeSize: bigint;
  checkpoint: string;
  inclusionProof: Uint8Array[];
  /** The leaf's statement when the caller has just built it from these bytes (else the leaf is parsed). */
  statement?: LeafStatement;
  /** Whether `checkpoint` meets the witness quorum (null: not yet); undefined when the log has no witnesses. */
  witnessed?: Witnessed;
}

/**
 * A proof hash's base64 through a memory: the receipts of one batch share most of their proof
 * hashes (the same node objects), so each is encoded once per batch, not once per receipt.
 */
export function base64Memo(): (hash: Uint8Array) => string {
  const seen = new Map<Uint8Array, string>();
  return (hash) => {
    let text = seen.get(hash);
    if (text === undefined) {
      text = bytesToBase64(hash);
      seen.set(hash, text);
    }
    return text;
  };
}

export function buildReceipt(
  input: ReceiptInput,
  encodeHash: (hash: Uint8Array) => string = bytesToBase64,
): SealedReceipt {
  const statement = input.statement ?? parseLeaf(input.leaf);
  const inclusionProof = input.inclusionProof.map((hash) => encodeHash(hash));
  return {
    id: input.id,
    status: 'sealed',
    leafIndex: Number(input.leafIndex),
    leaf: bytesToBase64(input.leaf),
    digests: statement.digests,
    depositedAt: statement.depositedAt,
    depositor: statement.depositor,
    ...(statement.titleSha256 ? { titleSha256: statement.titleSha256 } : {}),
    ...(statement.signature ? { signature: statement.signature } : {}),
    treeSize: Number(input.treeSize),
    checkpoint: input.checkpoint,
    inclusionProof,
    tlogProof: formatTlogProof({ index: input.leafIndex, proof: inclusionProof, checkpoint: input.checkpoint }),
    ...(input.witnessed !== undefined ? { witnessed: input.witnessed } : {}),
  };
}

export function buildPendingReceipt(id: string, leaf: Uint8Array, built?: LeafStatement): PendingReceipt {
  const statement = built ?? parseLeaf(leaf);
  return {
    id,
    status: 'pending',
    leaf: bytesToBase64(leaf),
    digests: statement.digests,
    depositedAt: statement.depositedAt,
    depositor: statement.depositor,
  };
}
