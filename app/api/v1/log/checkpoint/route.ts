import { errorResponse } from '@/lib/errors/http';
import { latestCheckpoint } from '@/lib/ledger/latest-checkpoint';

export const dynamic = 'force-dynamic';

/** The current signed checkpoint (C2SP signed note), as text. */
export async function GET(): Promise<Response> {
  try {
    const checkpoint = await latestCheckpoint();
    return new Response(checkpoint.note, {
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
