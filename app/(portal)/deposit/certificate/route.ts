/**
 * The signed-in depositor's deposit certificate (PDF) for some of its organisation's deposits:
 *
 * - `GET /deposit/certificate?id=<id>[&id=<id>…]` — from the deposit history (no file names);
 * - `POST /deposit/certificate` with `{ "deposits": [{ "id", "file"?: { "name", "size" } }] }` as
 *   JSON — from the deposit page right after depositing, whose browser still knows each file's
 *   name and size (sent with the deposit already; the certificate checks them against the leaf).
 *
 * issueDepositCertificate checks the account and the organisation; another organisation's
 * deposit is 404. The QR codes name the portal's public origin (as verification certificates do).
 */
import { getCurrentUser } from '@/lib/auth/session';
import { publicOrigin } from '@/lib/certificates/check-url';
import { issueDepositCertificate } from '@/lib/deposit-certificates/issue-deposit-certificate';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse, readJsonBody } from '@/lib/errors/http';
import { attachmentDisposition } from '@/lib/front/content-disposition';

export const dynamic = 'force-dynamic';

/** 100 deposits with 255-character names are well under this. */
const MAX_BODY_BYTES = 128 * 1024;

export async function GET(request: Request): Promise<Response> {
  try {
    const ids = new URL(request.url).searchParams.getAll('id');
    return await certificate(request, { deposits: ids.map((id) => ({ id })) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    return await certificate(request, await readJsonBody(request, MAX_BODY_BYTES));
  } catch (error) {
    return errorResponse(error);
  }
}

async function certificate(request: Request, input: unknown): Promise<Response> {
  const actor = await getCurrentUser();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to download deposit certificates.');
  const pdf = await issueDepositCertificate(actor, input, { origin: publicOrigin(request.url) });
  return new Response(Buffer.from(pdf.bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': attachmentDisposition(pdf.fileName),
      'content-length': String(pdf.bytes.length),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
