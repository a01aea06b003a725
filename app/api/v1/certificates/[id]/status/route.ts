import { createHash } from 'node:crypto';
import { getCertificateStatus } from '@/lib/certificates/get-certificate-status';
import { errorResponse } from '@/lib/errors/http';

export const dynamic = 'force-dynamic';

/**
 * { state: valid | revoked | unknown, certificate?, revocation?: { reason, at, by } }.
 * Public (the offline checker's `--online` asks it): the clerks' names are masked.
 *
 * `Cache-Control: no-cache` with a strong ETag (RFC 9111 §5.2.2.4, RFC 9110 §8.8.3): a shared
 * cache may keep the answer but must ask this server before every use, so a revocation is seen
 * at once; while the state is unchanged the answer to that question is a body-less 304.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const status = await getCertificateStatus((await params).id, { names: 'masked' });
    const body = JSON.stringify(status);
    const headers = {
      'cache-control': 'no-cache',
      etag: `"${createHash('sha256').update(body).digest('base64url')}"`,
    };
    // Preconditions apply to a 2xx answer only (RFC 9110 §13.2.1): an unknown ID stays a 404.
    if (status.state !== 'unknown' && matches(request.headers.get('if-none-match'), headers.etag)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(body, {
      status: status.state === 'unknown' ? 404 : 200,
      headers: { ...headers, 'content-type': 'application/json' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** If-None-Match (RFC 9110 §13.1.2): `*` or a list of entity-tags, compared weakly. */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
