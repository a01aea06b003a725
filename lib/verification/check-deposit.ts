/**
 * One receipt checked in the browser: the shared receipt check (check-receipt.ts: leaf, receipt
 * against leaf, searched digests, checkpoint signature, inclusion), then the one step only a
 * browser can add — the receipt's checkpoint must be consistent with the checkpoint this browser
 * remembers (checkpoint-memory.ts), which then moves forward to it.
 *
 * @module
 */
import type { Receipt } from '@/lib/ledger/receipt.schema';
import { type CheckReceiptOptions, checkReceipt } from './check-receipt';
import { type CheckpointMemory, ConsistencyFailure } from './checkpoint-memory';
import type { CheckedDeposit } from './decide-verdict';
import type { Subject } from './subject-match';

export interface CheckDepositOptions {
  memory: Pick<CheckpointMemory, 'observe' | 'verifierKey'>;
  searched?: CheckReceiptOptions['searched'];
  /** The witness policy in force (pinned in this browser): who cosigned each receipt's checkpoint. */
  witnesses?: CheckReceiptOptions['witnesses'];
}

/**
 * The deposit as checked. Throws only when the ledger could not be asked (LedgerUnavailableError
 * while fetching a consistency proof); every failed check is in `proof` instead.
 */
export async function checkDeposit(
  receipt: Receipt,
  subject: Subject | undefined,
  options: CheckDepositOptions,
): Promise<CheckedDeposit> {
  const { memory, searched, witnesses } = options;
  const { deposit, checkpoint } = checkReceipt(receipt, subject, {
    verifierKey: memory.verifierKey,
    searched,
    witnesses,
  });
  if (!checkpoint) return deposit;
  try {
    await memory.observe(checkpoint);
  } catch (error) {
    if (!(error instanceof ConsistencyFailure)) throw error;
    return { ...deposit, proof: { ok: false, step: 'consistency', message: error.message } };
  }
  return deposit;
}
