/**
 * A throughput figure only counts if what was returned is right: a sample of the receipts the
 * servers answered is checked offline, as a depositor would (the checkpoint's signature
 * against the cluster's log key, then the inclusion proof of the leaf to its root).
 */
import { base64ToBytes, hashLeaf, verifyCheckpoint, verifyInclusion } from '@/lib/tlog';

interface ReceiptJson {
  status: string;
  leaf: string;
  leafIndex: number;
  treeSize: number;
  checkpoint: string;
  inclusionProof: string[];
}

export interface ReceiptCheck {
  checked: number;
  failures: string[];
}

export function verifyReceipts(responseTexts: readonly string[], verifierKey: string): ReceiptCheck {
  const failures: string[] = [];
  let checked = 0;
  for (const text of responseTexts) {
    const parsed = JSON.parse(text) as ReceiptJson | { deposits: ReceiptJson[] };
    const receipts = 'deposits' in parsed ? parsed.deposits : [parsed];
    for (const r of receipts) {
      checked++;
      try {
        if (r.status !== 'sealed') throw new Error(`status is ${r.status}`);
        const { checkpoint } = verifyCheckpoint(r.checkpoint, [verifierKey]);
        if (checkpoint.size !== BigInt(r.treeSize)) throw new Error('treeSize differs from the checkpoint');
        verifyInclusion(
          BigInt(r.leafIndex),
          checkpoint.size,
          hashLeaf(base64ToBytes(r.leaf)),
          r.inclusionProof.map(base64ToBytes),
          checkpoint.rootHash,
        );
      } catch (error) {
        failures.push(`leaf ${r.leafIndex}: ${(error as Error).message}`);
      }
    }
  }
  return { checked, failures };
}
