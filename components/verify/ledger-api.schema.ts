/**
 * The shapes of the ledger's JSON answers as the browser receives them (lib/ledger/openapi.ts),
 * checked with zod before anything else reads them. `ledger-api.ts` imports this module on first
 * use: a first visit's check of the log (a checkpoint, which is text) needs none of it, so a
 * visitor who only opens the page does not download zod.
 *
 * @module
 */
import { z } from 'zod';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const ZDigests = z.object({ sha256: hex64.optional(), sm3: hex64.optional() });
const ZDepositor = z.object({ id: z.string(), name: z.string() });

const ZSealedReceipt = z.object({
  id: z.string(),
  status: z.literal('sealed'),
  leafIndex: z.number().int().nonnegative(),
  leaf: z.string(),
  digests: ZDigests,
  depositedAt: z.string(),
  depositor: ZDepositor,
  titleSha256: hex64.optional(),
  treeSize: z.number().int().positive(),
  checkpoint: z.string(),
  inclusionProof: z.array(z.string()),
  tlogProof: z.string(),
});

const ZPendingReceipt = z.object({
  id: z.string(),
  status: z.literal('pending'),
  leaf: z.string(),
  digests: ZDigests,
  depositedAt: z.string(),
  depositor: ZDepositor,
});

export const ZReceipt = z.discriminatedUnion('status', [ZSealedReceipt, ZPendingReceipt]);
export type Receipt = z.infer<typeof ZReceipt>;
export type SealedReceipt = z.infer<typeof ZSealedReceipt>;

export const ZDepositList = z.object({ deposits: z.array(ZReceipt) });

export const ZConsistency = z.object({ from: z.number(), to: z.number(), proof: z.array(z.string()) });
