import 'server-only';
import type { Receipt } from '@/lib/ledger/receipt';
/**
 * What the public ledger page shows of one deposit — exactly what its leaf already publishes to
 * everyone through the tiles and what /verify shows of a found deposit: the time, the depositor
 * organisation's name as the leaf records it, the digests. Never the depositor's internal ID, a
 * title (or its digest), a signature key, or anything about a case.
 */
import { isStatementError, parseLeaf } from '@/lib/ledger/statement';

export interface PublicDeposit {
  id: string;
  /** Record N of the ledger (leaf index + 1); null while it is being recorded. */
  recordNumber: number | null;
  /** RFC 3339, as the leaf records it. */
  depositedAt: string;
  /** The depositor organisation's name as the leaf records it; null when the leaf is unreadable. */
  depositor: string | null;
  digests: { sha256?: string; sm3?: string };
}

/** From a leaf as stored: a row whose leaf is not a statement shows no depositor and no digests. */
export function publicDepositFromLeaf(row: {
  id: string;
  leafIndex: number;
  leaf: Uint8Array;
  depositedAt: Date;
}): PublicDeposit {
  try {
    const statement = parseLeaf(row.leaf);
    return {
      id: row.id,
      recordNumber: row.leafIndex + 1,
      depositedAt: statement.depositedAt,
      depositor: statement.depositor.name,
      digests: pickDigests(statement.digests),
    };
  } catch (error) {
    if (!isStatementError(error)) throw error;
    return {
      id: row.id,
      recordNumber: row.leafIndex + 1,
      depositedAt: row.depositedAt.toISOString(),
      depositor: null,
      digests: {},
    };
  }
}

/** From a receipt (the lookups by digest and ID): the same fields, nothing else. */
export function publicDepositFromReceipt(receipt: Receipt): PublicDeposit {
  return {
    id: receipt.id,
    recordNumber: receipt.status === 'sealed' ? receipt.leafIndex + 1 : null,
    depositedAt: receipt.depositedAt,
    depositor: receipt.depositor.name,
    digests: pickDigests(receipt.digests),
  };
}

function pickDigests(digests: { sha256?: string; sm3?: string }): PublicDeposit['digests'] {
  return {
    ...(digests.sha256 ? { sha256: digests.sha256 } : {}),
    ...(digests.sm3 ? { sm3: digests.sm3 } : {}),
  };
}
