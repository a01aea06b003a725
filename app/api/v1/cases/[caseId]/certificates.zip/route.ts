/**
 * GET /api/v1/cases/{caseId}/certificates.zip — every valid certificate of the case as PDFs, with
 * `manifest.json` and `manifest.sha256` (`sha256sum -c` format), for the people of the case
 * (session cookie; anyone else: 404). One `certificate.downloaded` custody event per certificate
 * in the bundle, so a GET another site made gets a button page and records nothing
 * (lib/auth/check-custody-request.ts). HEAD checks access only.
 */
import { custodyConfirmationResponse } from '@/lib/auth/custody-confirmation-response';
import { getCurrentUser } from '@/lib/auth/session';
import { requireCaseAccess } from '@/lib/cases/access';
import { publicOrigin } from '@/lib/certificates/check-url';
import { getCaseCertificatesZip } from '@/lib/certificates/get-case-certificates-zip';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/errors/http';
import { attachmentDisposition } from '@/lib/front/content-disposition';
import { hexToBytes } from '@/lib/tlog';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ caseId: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  try {
    const actor = await signedIn();
    const { caseId } = await context.params;
    const confirm = custodyConfirmationResponse(request, actor, 'certificatesZip');
    if (confirm) {
      // The button only for people of the case: anyone else gets the 404 as before.
      await requireCaseAccess(actor, caseId, 'view');
      return confirm;
    }
    const zip = await getCaseCertificatesZip(actor, caseId, {
      origin: publicOrigin(request.url),
    });
    return new Response(Buffer.from(zip.bytes), {
      headers: {
        ...ZIP_HEADERS,
        'content-length': String(zip.bytes.length),
        'content-disposition': attachmentDisposition(zip.fileNameUtf8, { fallback: zip.fileName }),
        'repr-digest': `sha-256=:${Buffer.from(hexToBytes(zip.sha256)).toString('base64')}:`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function HEAD(_request: Request, context: Context): Promise<Response> {
  try {
    await requireCaseAccess(await signedIn(), (await context.params).caseId, 'view');
    return new Response(null, { headers: ZIP_HEADERS });
  } catch (error) {
    const response = errorResponse(error);
    return new Response(null, { status: response.status, headers: response.headers });
  }
}

const ZIP_HEADERS = {
  'content-type': 'application/zip',
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
} as const;

async function signedIn() {
  const actor = await getCurrentUser();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to download certificates.');
  return actor;
}
