import 'server-only';
/**
 * Adds each sealed receipt's anchors (`anchor`: the first anchored checkpoint containing it, or
 * null) when the log anchors anywhere; leaves the receipts as they are otherwise.
 */
import type { Receipt } from '@/lib/ledger/load-receipts';
import { anchoringConfigured } from './anchor-settings';
import { findDepositAnchor } from './find-deposit-anchor';

export async function attachDepositAnchors(receipts: Map<string, Receipt>): Promise<Map<string, Receipt>> {
  if (!anchoringConfigured()) return receipts;
  const entries = await Promise.all(
    [...receipts].map(async ([id, receipt]): Promise<[string, Receipt]> => {
      if (receipt.status !== 'sealed') return [id, receipt];
      const anchor = await findDepositAnchor(BigInt(receipt.leafIndex), BigInt(receipt.treeSize));
      return [id, { ...receipt, anchor }];
    }),
  );
  return new Map(entries);
}
