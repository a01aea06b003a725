import { fromFetchRequest, toFetchResponse } from '@/lib/ledger/http/fetch-adapter';
import { getConsistency } from '@/lib/ledger/http/ledger-api';

export const dynamic = 'force-dynamic';

/** Consistency proof between two checkpoints the log has issued (see lib/ledger/http). */
export async function GET(request: Request): Promise<Response> {
  return toFetchResponse(await getConsistency(fromFetchRequest(request)));
}
