import { fromFetchRequest, toFetchResponse } from '@/lib/ledger/http/fetch-adapter';
import { getDepositsByDigest, postDeposits } from '@/lib/ledger/http/ledger-api';

export const dynamic = 'force-dynamic';

// The same endpoints the front server (lib/front) answers without Next.js; see lib/ledger/http.

/** POST: one statement or { deposits: [...] }; 201 with receipts once sealed, or 202 with ?wait=false. */
export async function POST(request: Request): Promise<Response> {
  return toFetchResponse(await postDeposits(fromFetchRequest(request)));
}

/** GET ?sha256=<hex> or ?sm3=<hex>: every deposit of that digest, oldest first. */
export async function GET(request: Request): Promise<Response> {
  return toFetchResponse(await getDepositsByDigest(fromFetchRequest(request)));
}
