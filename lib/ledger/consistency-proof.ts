import 'server-only';
/**
 * A consistency proof between two checkpoints the log has issued (`GET /api/v1/log/consistency`):
 * RFC 9162 §2.1.4, from stored subtree hashes. A size no checkpoint was signed for is NOT_FOUND:
 * the log proves only what it has vouched for.
 */
import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { bytesToBase64 } from '@/lib/tlog';
import { buildConsistencyProof } from './build-proofs';
import { checkpointAt } from './latest-checkpoint';
import type { ConsistencyProof } from './log.schema';

const size = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,15})$/, 'must be a tree size (a whole number)')
  .transform(BigInt);

/** The query `?from=N&to=M`, 1 ≤ N ≤ M. */
export const ZConsistencyQuery = z
  .strictObject({ from: size, to: size })
  .refine((q) => q.from >= 1n && q.from <= q.to, 'need 1 ≤ from ≤ to');

export async function issuedConsistencyProof(from: bigint, to: bigint): Promise<ConsistencyProof> {
  const [older, newer] = await Promise.all([checkpointAt(from), checkpointAt(to)]);
  if (!older || !newer) {
    throw new AppError('NOT_FOUND', `The log has issued no checkpoint of size ${older ? to : from}.`);
  }
  const proof = await buildConsistencyProof(from, to);
  return { from: Number(from), to: Number(to), proof: proof.map(bytesToBase64) };
}
