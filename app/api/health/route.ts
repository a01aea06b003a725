import { getDb } from '@/lib/db/client';
import { RETRY_AFTER_SECONDS } from '@/lib/errors/http';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, for `npm start` and for operators' monitors. */
export async function GET(): Promise<Response> {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return Response.json({ status: 'ok' });
  } catch {
    return Response.json(
      { status: 'unavailable', error: { code: 'UNAVAILABLE', message: 'The database is not reachable.' } },
      { status: 503, headers: { 'retry-after': RETRY_AFTER_SECONDS } },
    );
  }
}
