import 'server-only';
/** Every deposit of a digest, oldest first, each with a fresh receipt. Public: digests are the query. */
import { z } from 'zod';
import { hexToBytes } from '@/lib/hashing';
import { zHexDigest } from '@/lib/hashing/digest-schema';
import { loadReceiptsByDigest, type Receipt } from './load-receipts';

export const ZDigestQuery = z
  .strictObject({ sha256: zHexDigest('sha256').optional(), sm3: zHexDigest('sm3').optional() })
  .refine((q) => (q.sha256 === undefined) !== (q.sm3 === undefined), 'Give exactly one of ?sha256= or ?sm3=');

export function findDepositsByDigest(query: z.infer<typeof ZDigestQuery>): Promise<Receipt[]> {
  return query.sha256
    ? loadReceiptsByDigest('sha256', hexToBytes(query.sha256))
    : loadReceiptsByDigest('sm3', hexToBytes(query.sm3 as string));
}
