import { toFetchResponse } from '@/lib/ledger/http/fetch-adapter';
import { getCheckpoint } from '@/lib/ledger/http/ledger-api';

export const dynamic = 'force-dynamic';

/** The current signed checkpoint (C2SP signed note), as text (see lib/ledger/http). */
export async function GET(): Promise<Response> {
  return toFetchResponse(await getCheckpoint());
}
