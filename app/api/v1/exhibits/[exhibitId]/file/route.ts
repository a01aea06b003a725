/**
 * GET /api/v1/exhibits/{id}/file — the stored bytes of a file exhibit, streamed, for people who
 * may view its case (session cookie). Always an attachment: evidence is never rendered inline
 * by the portal's origin. `Repr-Digest` (RFC 9530) carries the server's SHA-256. Each GET is an
 * `exhibit.downloaded` custody event, so one that another site made gets a button page instead
 * (lib/auth/check-custody-request.ts).
 */
import { Readable } from 'node:stream';
import { custodyConfirmationResponse } from '@/lib/auth/custody-confirmation-response';
import { getCurrentUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/errors/http';
import { describeExhibitFile, type ExhibitFileInfo, openExhibitFile } from '@/lib/exhibits/open-exhibit-file';
import { attachmentDisposition } from '@/lib/front/content-disposition';
import { hexToBytes } from '@/lib/hashing';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ exhibitId: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  try {
    const actor = await signedIn();
    const { exhibitId } = await context.params;
    const confirm = custodyConfirmationResponse(request, actor, 'exhibitFile');
    if (confirm) {
      // The button only for what this person may download: anyone else gets the 404 as before.
      await describeExhibitFile(actor, exhibitId);
      return confirm;
    }
    const file = await openExhibitFile(actor, exhibitId);
    const body = Readable.toWeb(file.stream) as ReadableStream<Uint8Array>;
    return new Response(body, { headers: fileHeaders(file) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** The headers alone: the same access check, and no custody event (no bytes leave). */
export async function HEAD(_request: Request, context: Context): Promise<Response> {
  try {
    const info = await describeExhibitFile(await signedIn(), (await context.params).exhibitId);
    return new Response(null, { headers: fileHeaders(info) });
  } catch (error) {
    const response = errorResponse(error);
    return new Response(null, { status: response.status, headers: response.headers });
  }
}

async function signedIn() {
  const actor = await getCurrentUser();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to download exhibits.');
  return actor;
}

function fileHeaders(file: ExhibitFileInfo): HeadersInit {
  return {
    'content-type': 'application/octet-stream',
    'content-length': String(file.size),
    'content-disposition': attachmentDisposition(file.fileName),
    'repr-digest': `sha-256=:${Buffer.from(hexToBytes(file.sha256)).toString('base64')}:`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
}
