import { toFetchResponse } from '@/lib/ledger/http/fetch-adapter';
import { getWitnesses } from '@/lib/ledger/http/ledger-api';

export const dynamic = 'force-dynamic';

/** The log's witness policy: its witnesses and the quorum (see lib/ledger/http, lib/witnessing). */
export async function GET(): Promise<Response> {
  return toFetchResponse(await getWitnesses());
}
