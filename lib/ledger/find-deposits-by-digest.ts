import 'server-only';
/** Every deposit of a digest, oldest first, each with a fresh receipt. Public: digests are the query. */
import { z } from 'zod';
import { getPool } from '@/lib/db/pool';
import { hexToBytes } from '@/lib/hashing';
import { zHexDigest } from '@/lib/hashing/digest-schema';
import { type AnyReceipt, loadReceipts } from './load-receipts';

export const ZDigestQuery = z
  .strictObject({ sha256: zHexDigest('sha256').optional(), sm3: zHexDigest('sm3').optional() })
  .refine((q) => (q.sha256 === undefined) !== (q.sm3 === undefined), 'Give exactly one of ?sha256= or ?sm3=');

/** At most this many matches are returned (a digest deposited more often than this is an anomaly). */
const LIMIT = 100;

export async function findDepositsByDigest(query: z.infer<typeof ZDigestQuery>): Promise<AnyReceipt[]> {
  const column = query.sha256 ? 'sha256' : 'sm3';
  const digest = hexToBytes((query.sha256 ?? query.sm3) as string);
  const { rows } = await getPool().query<{ id: string }>(
    `SELECT id FROM deposits WHERE ${column} = $1 ORDER BY deposited_at, id LIMIT ${LIMIT}`,
    [Buffer.from(digest)],
  );
  const ids = rows.map((r) => r.id);
  const receipts = await loadReceipts(ids);
  return ids.flatMap((id) => receipts.get(id) ?? []);
}
