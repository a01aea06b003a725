/**
 * A deposit's anchors as receipts and certificates carry them: the first anchored checkpoint at or
 * after the deposit (its tree contains the deposit's leaf), the consistency proof between the
 * checkpoint the deposit's own proof is to and that one, and the anchors themselves — the EVM
 * transaction and the RFC 3161 token (DESIGN.md "Witnessing, tiles and anchors"). Browser-safe: the
 * pages, the offline checker and the server share it; lib/anchor/check-deposit-anchor.ts checks it.
 *
 * @module
 */
import { z } from 'zod';
import { ZCheckpointNote, ZConsistencyProof, ZEvmAnchor, ZTimestampAnchor } from '@/lib/ledger/log.schema';

export const ZDepositAnchor = z
  .strictObject({
    checkpoint: ZCheckpointNote.meta({
      description: 'The anchored checkpoint, as the log signed it (the exact text the time-stamp token covers)',
    }),
    consistency: ZConsistencyProof.meta({
      description:
        'Consistency proof between the size of the deposit’s own checkpoint and the anchored one (from ≤ to)',
    }),
    evm: ZEvmAnchor.nullable().meta({ description: 'The checkpoint on an EVM chain, or null: not on one' }),
    timestamp: ZTimestampAnchor.omit({ checkpoint: true })
      .nullable()
      .meta({ description: 'The RFC 3161 token over SHA-256 of `checkpoint`, or null: none yet' }),
  })
  .refine((a) => a.evm !== null || a.timestamp !== null, 'an anchor has an EVM transaction, a token, or both')
  .meta({ description: 'The first anchored checkpoint whose tree contains the deposit, with its anchors' });

export type DepositAnchor = z.output<typeof ZDepositAnchor>;
