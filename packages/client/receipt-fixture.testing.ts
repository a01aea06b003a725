/**
 * A real sealed receipt from a small in-memory log (lib/verification/verify.testing.ts), the same
 * receipt with a digest changed, and the log's key: what the package's tests hand to the built SDK
 * in Node (pack.test.ts) and in a browser (browser.test.ts).
 */
import type { Receipt } from '@/lib/ledger/receipt.schema';
import { fakeLog, hex } from '@/lib/verification/verify.testing';

export function receiptFixture(): { receipt: Receipt; tampered: Receipt; logKey: string } {
  const log = fakeLog();
  const deposit = log.add({ sha256: hex('a'), sm3: hex('b') });
  log.add({ sha256: hex('c') });
  log.seal();
  const receipt = log.receipt(deposit.id);
  return {
    receipt,
    tampered: { ...receipt, digests: { ...receipt.digests, sha256: hex('d') } } as Receipt,
    logKey: log.keys.verifierKey,
  };
}
