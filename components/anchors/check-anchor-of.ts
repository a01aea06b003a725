/**
 * The anchor note's work (components/anchors/anchor-note.tsx), loaded after the page: the deposit's
 * receipt from GET /api/v1/deposits/{id}, its checkpoint checked against the log key the page
 * pinned, then its anchors (lib/anchor/check-deposit-anchor.ts, itself loaded only when there are
 * anchors to check).
 */
import type { DepositAnchorCheck } from '@/lib/anchor/check-deposit-anchor';
import type { DepositAnchor } from '@/lib/anchor/deposit-anchor.schema';
import { ZSealedReceipt } from '@/lib/ledger/receipt.schema';
import { parseVerifierKey, verifyCheckpoint } from '@/lib/tlog';

export type AnchorState =
  | { state: 'none' }
  | { state: 'not_yet' }
  | { state: 'unavailable'; message: string }
  | { state: 'checked'; anchor: DepositAnchor; result: DepositAnchorCheck };

export async function checkAnchorOf(depositId: string, verifierKey: string): Promise<AnchorState> {
  const response = await fetch(`/api/v1/deposits/${encodeURIComponent(depositId)}`, {
    headers: { accept: 'application/json' },
  });
  if (!response.ok) return { state: 'unavailable', message: `HTTP ${response.status}` };
  const parsed = ZSealedReceipt.safeParse(await response.json());
  if (!parsed.success) return { state: 'unavailable', message: 'the receipt is not a sealed receipt' };
  const receipt = parsed.data;
  if (receipt.anchor === undefined) return { state: 'none' };
  if (receipt.anchor === null) return { state: 'not_yet' };
  const key = parseVerifierKey(verifierKey);
  const { checkpoint } = verifyCheckpoint(receipt.checkpoint, key, { origin: key.name });
  // The token's check (pkijs, asn1js) loads only for a deposit that has anchors: not in the page's first load.
  const { checkDepositAnchor } = await import('@/lib/anchor/check-deposit-anchor');
  const result = await checkDepositAnchor(receipt.anchor, {
    logVerifiers: key,
    origin: key.name,
    leafIndex: BigInt(receipt.leafIndex),
    depositCheckpoint: { size: checkpoint.size, root: checkpoint.rootHash },
    rpcUrl: receipt.anchor.evm?.rpcUrl ?? null,
  });
  return { state: 'checked', anchor: receipt.anchor, result };
}
