/**
 * GET /api/v1/cases/{caseId}/certificates.zip — every valid certificate of the case as PDFs, with
 * `manifest.json` and `manifest.sha256` (`sha256sum -c` format), for the people of the case
 * (session cookie; anyone else: 404). One `certificate.downloaded` custody event per certificate
 * in the bundle. HEAD checks access only.
 */
import { getCurrentUser } from '@/lib/auth/session';
import { requireCaseAccess } from '@/lib/cases/access';
import { publicOrigin } from '@/lib/certificates/check-url';
import { getCaseCertificatesZip } from '@/lib/certificates/get-case-certificates-zip';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/errors/http';
import { hexToBytes } from '@/lib/tlog';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ caseId: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  try {
    const zip = await getCaseCertificatesZip(await signedIn(), (await context.params).caseId, {
      origin: publicOrigin(request.url),
    });
    return new Response(Buffer.from(zip.bytes), {
      headers: {
        ...ZIP_HEADERS,
        'content-length': String(zip.bytes.length),
        'content-disposition': contentDisposition(zip.fileName, zip.fileNameUtf8),
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

/** RFC 6266: an ASCII `filename` and the UTF-8 one (RFC 8187 attr-chars only, the rest percent-encoded). */
function contentDisposition(ascii: string, utf8: string): string {
  const encoded = encodeURIComponent(utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
