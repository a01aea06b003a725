import { appendToUpload } from '@/lib/evidence/append-to-upload';
import { cancelUpload } from '@/lib/evidence/cancel-upload';
import { getUploadStatus } from '@/lib/evidence/get-upload-status';
import {
  NO_STORE,
  patchAnswer,
  readPatchHeaders,
  requireUploader,
  requireUploadHeader,
  toResponse,
  uploadErrorResponse,
} from '@/lib/evidence/upload-http';
import { UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER, UPLOAD_STATUS_HEADER } from '@/lib/evidence/upload-protocol';

export const dynamic = 'force-dynamic';

type Context = RouteContext<'/api/v1/uploads/[id]'>;

/**
 * PATCH with Upload-Offset: n and Content-Type: application/offset+octet-stream; the body is
 * streamed to disk as it arrives (never buffered). 204 with the new Upload-Offset, or once the
 * last byte is in and the digests match, 200 { id, status: 'complete', sha256, sm3, size }.
 * In `npm start` the front server answers PATCH itself (lib/evidence/upload-patch-route.ts) with
 * the same steps; this handler serves Next.js on its own (`next dev`, tests of the handlers).
 */
export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  try {
    requireUploadHeader(request);
    const actor = await requireUploader();
    const { offset, contentLength } = readPatchHeaders(request);
    const result = await appendToUpload(actor, (await params).id, offset, request.body, { contentLength });
    return toResponse(patchAnswer(result));
  } catch (error) {
    return uploadErrorResponse(error);
  }
}

/** HEAD: where to resume (Upload-Offset), the declared size (Upload-Length), the state (Upload-Status). */
export async function HEAD(_request: Request, { params }: Context): Promise<Response> {
  try {
    const upload = await getUploadStatus(await requireUploader(), (await params).id);
    return new Response(null, {
      status: 200,
      headers: {
        ...NO_STORE,
        [UPLOAD_OFFSET_HEADER]: String(upload.offset),
        [UPLOAD_LENGTH_HEADER]: String(upload.size),
        [UPLOAD_STATUS_HEADER]: upload.status,
      },
    });
  } catch (error) {
    const { status, headers } = uploadErrorResponse(error);
    return new Response(null, { status, headers });
  }
}

/** GET: the upload's state as JSON (lib/evidence/upload-row.ts UploadStatus). */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  try {
    const upload = await getUploadStatus(await requireUploader(), (await params).id);
    return Response.json(upload, { headers: NO_STORE });
  } catch (error) {
    return uploadErrorResponse(error);
  }
}

/** DELETE: cancels the upload (its bytes are deleted). 204. */
export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  try {
    requireUploadHeader(request);
    await cancelUpload(await requireUploader(), (await params).id);
    return new Response(null, { status: 204, headers: NO_STORE });
  } catch (error) {
    return uploadErrorResponse(error);
  }
}
