import 'server-only';
/**
 * The HTTP edge shared by the upload route handlers (app/api/v1/…/uploads): who is asking (the
 * session cookie), the CSRF header every state-changing request must carry, header parsing,
 * and error answers that also tell a client where to resume (`Upload-Offset`).
 */
import type { Actor } from '@/lib/auth/actor';
import { getCurrentUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/errors/http';
import { UPLOAD_CSRF_HEADER, UPLOAD_OFFSET_HEADER } from './upload-protocol';

/** Uploads are working state: never cached by a browser or a proxy. */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** The signed-in user, or UNAUTHENTICATED. */
export async function requireUploader(): Promise<Actor> {
  const actor = await getCurrentUser();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to upload evidence.');
  return actor;
}

/** CSRF: see UPLOAD_CSRF_HEADER. Also refuses what the browser itself marks as cross-site. */
export function requireUploadHeader(request: Request): void {
  if (request.headers.get(UPLOAD_CSRF_HEADER) !== '1') {
    throw new AppError('FORBIDDEN', `Upload requests must carry the header ${UPLOAD_CSRF_HEADER}: 1.`);
  }
  if (request.headers.get('sec-fetch-site') === 'cross-site') {
    throw new AppError('FORBIDDEN', 'Uploads are accepted from the portal itself only.');
  }
}

/** A non-negative whole number header (Upload-Offset, Content-Length); undefined when absent. */
export function readByteCountHeader(request: Request, name: string): number | undefined {
  const value = request.headers.get(name);
  if (value === null) return undefined;
  if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new AppError('VALIDATION_FAILED', `${name} must be a whole number of bytes, such as 0 or 8388608.`);
  }
  return Number(value);
}

/**
 * errorResponse, plus the error's details in the body and, when the server knows where the
 * client should resume, an Upload-Offset header.
 */
export function uploadErrorResponse(error: unknown): Response {
  const response = errorResponse(error);
  response.headers.set('Cache-Control', 'no-store');
  if (!(error instanceof AppError) || !error.details) return response;
  const headers = new Headers(response.headers);
  const offset = error.details.offset;
  if (typeof offset === 'number') headers.set(UPLOAD_OFFSET_HEADER, String(offset));
  return Response.json(
    { error: { code: error.code, message: error.message, details: error.details } },
    { status: response.status, headers },
  );
}
