import { getCertificateFile } from '@/lib/certificates/get-certificate-file';
import { getCertificateStatus } from '@/lib/certificates/get-certificate-status';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/errors/http';
import { canonicalJson } from '@/lib/ledger/statement/canonical-json';

export const dynamic = 'force-dynamic';

/** The certificate file (body + signature) as filed; `Verity-Certificate-Status: valid|revoked`. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const [file, status] = await Promise.all([getCertificateFile(id), getCertificateStatus(id)]);
    if (!file || status.state === 'unknown') throw new AppError('NOT_FOUND', `No certificate has the ID ${id}.`);
    // Canonical JSON: the same bytes on every request, and the body exactly as it was signed.
    return new Response(canonicalJson(file), {
      headers: {
        'content-type': 'application/json',
        'cache-control': 'public, max-age=60',
        'verity-certificate-status': status.state,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
