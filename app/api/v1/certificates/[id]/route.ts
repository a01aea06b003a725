import { clientAddressFromForwarded } from '@/lib/auth/client-address';
import { getCurrentUser } from '@/lib/auth/session';
import { getSignedCertificateFile } from '@/lib/certificates/get-signed-certificate-file';
import { errorResponse } from '@/lib/errors/http';
import { isTrustedProxy } from '@/lib/front/forwarded-headers';
import { canonicalJson } from '@/lib/ledger/statement/canonical-json';

export const dynamic = 'force-dynamic';

/**
 * The certificate file (body + signature) as filed; `Verity-Certificate-Status: valid|revoked`.
 * Its body names people in full, so it is served to the people of the case (session) or with the
 * certificate's check code, in the header `Verity-Check-Code` (preferred: headers are not logged
 * like addresses) or `?code=` (lib/certificates/get-signed-certificate-file.ts). Otherwise 403
 * CHECK_CODE_REQUIRED / CHECK_CODE_WRONG, 404 NOT_FOUND for an unknown ID, 429 RATE_LIMITED.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const code = request.headers.get('verity-check-code') ?? new URL(request.url).searchParams.get('code');
    const { file, state } = await getSignedCertificateFile(await getCurrentUser(), id, {
      code,
      clientAddress: clientAddressFromForwarded(request.headers.get('x-forwarded-for') ?? undefined, isTrustedProxy),
    });
    // Canonical JSON: the same bytes on every request, and the body exactly as it was signed.
    return new Response(canonicalJson(file), {
      headers: {
        'content-type': 'application/json',
        // Who may read it depends on the session or the code: never kept by a shared cache.
        'cache-control': 'private, no-store',
        'verity-certificate-status': state,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    const response = errorResponse(error);
    const retry = (error as { details?: { retryAfterSeconds?: unknown } })?.details?.retryAfterSeconds;
    if (response.status === 429 && typeof retry === 'number') response.headers.set('retry-after', String(retry));
    return response;
  }
}
