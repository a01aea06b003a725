import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/errors/http';
import { buildConsistencyProof } from '@/lib/ledger/build-proofs';
import { checkpointAt } from '@/lib/ledger/latest-checkpoint';
import { bytesToBase64 } from '@/lib/tlog';

export const dynamic = 'force-dynamic';

const size = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,15})$/, 'must be a tree size (a whole number)')
  .transform(BigInt);
const ZQuery = z
  .strictObject({ from: size, to: size })
  .refine((q) => q.from >= 1n && q.from <= q.to, 'need 1 ≤ from ≤ to');

/** Consistency proof between two checkpoints the log has issued: { from, to, proof: [base64] }. */
export async function GET(request: Request): Promise<Response> {
  try {
    const { from, to } = ZQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    if (!(await checkpointAt(to)) || !(await checkpointAt(from))) {
      throw new AppError(
        'NOT_FOUND',
        `The log has issued no checkpoint of size ${(await checkpointAt(from)) ? to : from}.`,
      );
    }
    const proof = await buildConsistencyProof(from, to);
    return Response.json({ from: Number(from), to: Number(to), proof: proof.map(bytesToBase64) });
  } catch (error) {
    return errorResponse(error);
  }
}
