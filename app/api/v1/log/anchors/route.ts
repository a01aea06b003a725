import { fromFetchRequest, toFetchResponse } from '@/lib/ledger/http/fetch-adapter';
import { getAnchors } from '@/lib/ledger/http/ledger-api';

export const dynamic = 'force-dynamic';

/** Checkpoints anchored on an EVM chain and time-stamped by RFC 3161 authorities (lib/anchor). */
export async function GET(request: Request): Promise<Response> {
  return toFetchResponse(await getAnchors(fromFetchRequest(request)));
}
