/**
 * GET /api/v1/certificates/{id}/pdf — the certificate as the court's PDF, for the people of its
 * case (session cookie; anyone else: 404), rendered on demand from the stored signed certificate
 * with the public check page `<public origin>/certificates/{id}` in its QR code, "revoked" on
 * every page once revoked. Each GET is a `certificate.downloaded` custody event; HEAD answers the
 * same access check without rendering or recording anything. A GET another site made gets a button
 * page and records nothing (lib/auth/check-custody-request.ts).
 */
import { custodyConfirmationResponse } from '@/lib/auth/custody-confirmation-response';
import { getCurrentUser } from '@/lib/auth/session';
import { publicOrigin } from '@/lib/certificates/check-url';
import {
  type CertificatePdfInfo,
  describeCertificatePdf,
  getCertificatePdf,
} from '@/lib/certificates/get-certificate-pdf';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/errors/http';
import { attachmentDisposition } from '@/lib/front/content-disposition';
import { hexToBytes } from '@/lib/tlog';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  try {
    const actor = await signedIn();
    const { id } = await context.params;
    const confirm = custodyConfirmationResponse(request, actor, 'certificatePdf');
    if (confirm) {
      // The button only for what this person may download: anyone else gets the 404 as before.
      await describeCertificatePdf(actor, id);
      return confirm;
    }
    const pdf = await getCertificatePdf(actor, id, {
      origin: publicOrigin(request.url),
    });
    return new Response(Buffer.from(pdf.bytes), {
      headers: {
        ...pdfHeaders(pdf),
        'content-length': String(pdf.bytes.length),
        'repr-digest': `sha-256=:${Buffer.from(hexToBytes(pdf.sha256)).toString('base64')}:`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function HEAD(_request: Request, context: Context): Promise<Response> {
  try {
    const info = await describeCertificatePdf(await signedIn(), (await context.params).id);
    return new Response(null, { headers: pdfHeaders(info) });
  } catch (error) {
    const response = errorResponse(error);
    return new Response(null, { status: response.status, headers: response.headers });
  }
}

async function signedIn() {
  const actor = await getCurrentUser();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to download certificates.');
  return actor;
}

function pdfHeaders(info: CertificatePdfInfo): HeadersInit {
  return {
    'content-type': 'application/pdf',
    'content-disposition': attachmentDisposition(info.fileName),
    'verity-certificate-status': info.state,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
}
