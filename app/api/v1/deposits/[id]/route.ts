import { toFetchResponse } from '@/lib/ledger/http/fetch-adapter';
import { getDeposit } from '@/lib/ledger/http/ledger-api';

export const dynamic = 'force-dynamic';

/** The deposit and a fresh receipt: its proof to the latest checkpoint (see lib/ledger/http). */
export async function GET(_request: Request, { params }: RouteContext<'/api/v1/deposits/[id]'>): Promise<Response> {
  return toFetchResponse(await getDeposit((await params).id));
}
