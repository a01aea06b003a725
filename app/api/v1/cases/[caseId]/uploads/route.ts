import { readJsonBody } from '@/lib/errors/http';
import { evidenceConfig } from '@/lib/evidence/config';
import { createUpload } from '@/lib/evidence/create-upload';
import { ZCreateUploadRequest } from '@/lib/evidence/upload.schema';
import { NO_STORE, requireUploader, requireUploadHeader, uploadErrorResponse } from '@/lib/evidence/upload-http';
import { UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER } from '@/lib/evidence/upload-protocol';

export const dynamic = 'force-dynamic';

/**
 * POST { fileName, mediaType, size, sha256, sm3 } (the browser's digests): 201
 * { id, offset: 0, size, chunkSize } with Location /api/v1/uploads/{id}. Then PATCH the bytes there.
 */
export async function POST(
  request: Request,
  { params }: RouteContext<'/api/v1/cases/[caseId]/uploads'>,
): Promise<Response> {
  try {
    requireUploadHeader(request);
    const actor = await requireUploader();
    const input = ZCreateUploadRequest.parse(await readJsonBody(request, 16 * 1024));
    const upload = await createUpload(actor, (await params).caseId, input);
    return Response.json(
      { id: upload.id, offset: upload.offset, size: upload.size, chunkSize: evidenceConfig().chunkSize },
      {
        status: 201,
        headers: {
          ...NO_STORE,
          Location: `/api/v1/uploads/${upload.id}`,
          [UPLOAD_OFFSET_HEADER]: String(upload.offset),
          [UPLOAD_LENGTH_HEADER]: String(upload.size),
        },
      },
    );
  } catch (error) {
    return uploadErrorResponse(error);
  }
}
