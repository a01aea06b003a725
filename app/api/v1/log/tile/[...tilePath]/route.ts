import { fromFetchRequest, toFetchResponse } from '@/lib/ledger/http/fetch-adapter';
import { getTile } from '@/lib/ledger/http/tile-api';

export const dynamic = 'force-dynamic';

/** A hash tile or entry bundle of the log, c2sp.org/tlog-tiles (see lib/ledger/http/tile-api.ts). */
export async function GET(request: Request): Promise<Response> {
  return toFetchResponse(await getTile(fromFetchRequest(request)));
}
