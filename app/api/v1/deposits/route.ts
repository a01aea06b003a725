import { z } from 'zod';
import { authenticateApiKey } from '@/lib/depositors/authenticate-api-key';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse, readJsonBody } from '@/lib/errors/http';
import { acceptDeposits } from '@/lib/ledger/accept-deposits';
import { findDepositsByDigest, ZDigestQuery } from '@/lib/ledger/find-deposits-by-digest';
import { ZDepositBatch, ZDepositRequest } from '@/lib/ledger/statement';

export const dynamic = 'force-dynamic';

/** 1000 deposits with their largest metadata fit well within this. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const ZIdempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be 1–255 visible ASCII characters');

/** POST: one statement or { deposits: [...] }; 201 with receipts once sealed, or 202 with ?wait=false. */
export async function POST(request: Request): Promise<Response> {
  try {
    const auth = await authenticateApiKey(request.headers.get('authorization'));
    if (!auth.ok) throw new AppError(auth.code, auth.message);
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    const batch = typeof body === 'object' && body !== null && 'deposits' in body;
    const requests = batch ? ZDepositBatch.parse(body).deposits : [ZDepositRequest.parse(body)];
    const wait = new URL(request.url).searchParams.get('wait') !== 'false';
    const key = request.headers.get('idempotency-key');
    const result = await acceptDeposits({
      org: auth.org,
      requests,
      wait,
      idempotencyKey: key === null ? undefined : ZIdempotencyKey.parse(key),
    });
    const headers = result.replayed ? { 'Idempotent-Replayed': 'true' } : undefined;
    return Response.json(batch ? { deposits: result.receipts } : result.receipts[0], {
      status: result.status,
      headers,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** GET ?sha256=<hex> or ?sm3=<hex>: every deposit of that digest, oldest first. */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = ZDigestQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json({ deposits: await findDepositsByDigest(query) });
  } catch (error) {
    return errorResponse(error);
  }
}
