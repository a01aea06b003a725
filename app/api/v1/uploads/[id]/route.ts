import { AppError } from '@/lib/errors/app-error';
import { appendToUpload } from '@/lib/evidence/append-to-upload';
import { cancelUpload } from '@/lib/evidence/cancel-upload';
import { getUploadStatus } from '@/lib/evidence/get-upload-status';
import {
  NO_STORE,
  readByteCountHeader,
  requireUploader,
  requireUploadHeader,
  uploadErrorResponse,
} from '@/lib/evidence/upload-http';
import {
  UPLOAD_CONTENT_TYPE,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_OFFSET_HEADER,
  UPLOAD_STATUS_HEADER,
} from '@/lib/evidence/upload-protocol';

export const dynamic = 'force-dynamic';

type Context = RouteContext<'/api/v1/uploads/[id]'>;

/**
 * PATCH with Upload-Offset: n and Content-Type: application/offset+octet-stream; the body is
 * streamed to disk as it arrives (never buffered). 204 with the new Upload-Offset, or once the
 * last byte is in and the digests match, 200 { id, status: 'complete', sha256, sm3, size }.
 */
export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  try {
    requireUploadHeader(request);
    const actor = await requireUploader();
    const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== UPLOAD_CONTENT_TYPE) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the bytes with Content-Type: ${UPLOAD_CONTENT_TYPE}.`);
    }
    const offset = readByteCountHeader(request, UPLOAD_OFFSET_HEADER);
    if (offset === undefined)
      throw new AppError('VALIDATION_FAILED', `Say where the bytes go: ${UPLOAD_OFFSET_HEADER}.`);
    const contentLength = readByteCountHeader(request, 'content-length');
    const result = await appendToUpload(actor, (await params).id, offset, request.body, { contentLength });
    const headers = { ...NO_STORE, [UPLOAD_OFFSET_HEADER]: String(result.offset) };
    if (result.status === 'open') return new Response(null, { status: 204, headers });
    const { id, status, sha256, sm3, size } = result;
    return Response.json({ id, status, sha256, sm3, size }, { headers });
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
