import { getCertificateStatus } from '@/lib/certificates/get-certificate-status';
import { errorResponse } from '@/lib/errors/http';

export const dynamic = 'force-dynamic';

/**
 * { state: valid | revoked | unknown, certificate?, revocation?: { reason, at, by } }; never cached.
 * Public (the offline checker's `--online` asks it): the clerks' names are masked.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const status = await getCertificateStatus((await params).id, { names: 'masked' });
    return Response.json(status, {
      status: status.state === 'unknown' ? 404 : 200,
      headers: { 'cache-control': 'no-cache' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
