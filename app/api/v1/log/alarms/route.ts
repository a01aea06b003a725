import { toFetchResponse } from '@/lib/ledger/http/fetch-adapter';
import { getAlarms } from '@/lib/ledger/http/ledger-api';

export const dynamic = 'force-dynamic';

/** Witnesses' refusals showing another history of the log, with the evidence (lib/witnessing). */
export async function GET(): Promise<Response> {
  return toFetchResponse(await getAlarms());
}
