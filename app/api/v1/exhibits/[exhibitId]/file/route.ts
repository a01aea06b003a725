/**
 * GET /api/v1/exhibits/{id}/file — the stored bytes of a file exhibit, streamed, for people who
 * may view its case (session cookie). Always an attachment: evidence is never rendered inline
 * by the portal's origin. `Repr-Digest` (RFC 9530) carries the server's SHA-256.
 */
import { Readable } from 'node:stream';
import { getCurrentUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/errors/http';
import { openExhibitFile } from '@/lib/exhibits/open-exhibit-file';
import { hexToBytes } from '@/lib/hashing';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, context: { params: Promise<{ exhibitId: string }> }): Promise<Response> {
  try {
    const actor = await getCurrentUser();
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to download exhibits.');
    const { exhibitId } = await context.params;
    const file = await openExhibitFile(actor, exhibitId);
    const body = Readable.toWeb(file.stream) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(file.size),
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'repr-digest': `sha-256=:${Buffer.from(hexToBytes(file.sha256)).toString('base64')}:`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
