import { toFetchResponse } from '@/lib/ledger/http/fetch-adapter';
import { getLogKey } from '@/lib/ledger/http/ledger-api';

export const dynamic = 'force-dynamic';

/** The log's verifier key as text (see lib/ledger/http). */
export async function GET(): Promise<Response> {
  return toFetchResponse(await getLogKey());
}
