import 'server-only';
/**
 * The upload endpoints' HTTP edge that needs no framework, shared by the Next.js route handlers
 * (app/api/v1/…/uploads, through upload-http.ts) and the front server's own PATCH handler
 * (upload-patch-route.ts, which must not load next/navigation): the CSRF header every
 * state-changing request must carry, header parsing, and answers — errors also tell a client
 * where to resume (`Upload-Offset`) and, when refused for a while, when to retry (`Retry-After`).
 */
import { AppError } from '@/lib/errors/app-error';
import { errorResult } from '@/lib/errors/http';
import type { AppendResult } from './append-to-upload';
import { UPLOAD_CONTENT_TYPE, UPLOAD_CSRF_HEADER, UPLOAD_OFFSET_HEADER } from './upload-protocol';

/** What these helpers read of a request: a fetch Request, or a node:http request's headers adapted. */
export interface HeaderSource {
  headers: { get(name: string): string | null };
}

/** Uploads are working state: never cached by a browser or a proxy. */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** CSRF: see UPLOAD_CSRF_HEADER. Also refuses what the browser itself marks as cross-site. */
export function requireUploadHeader(request: HeaderSource): void {
  if (request.headers.get(UPLOAD_CSRF_HEADER) !== '1') {
    throw new AppError('FORBIDDEN', `Upload requests must carry the header ${UPLOAD_CSRF_HEADER}: 1.`);
  }
  if (request.headers.get('sec-fetch-site') === 'cross-site') {
    throw new AppError('FORBIDDEN', 'Uploads are accepted from the portal itself only.');
  }
}

/** A non-negative whole number header (Upload-Offset, Content-Length); undefined when absent. */
export function readByteCountHeader(request: HeaderSource, name: string): number | undefined {
  const value = request.headers.get(name);
  if (value === null) return undefined;
  if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new AppError('VALIDATION_FAILED', `${name} must be a whole number of bytes, such as 0 or 8388608.`);
  }
  return Number(value);
}

/** A PATCH's headers checked (CSRF, content type, offset) and read, for either server. */
export function readPatchHeaders(request: HeaderSource): { offset: number; contentLength?: number } {
  requireUploadHeader(request);
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== UPLOAD_CONTENT_TYPE) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the bytes with Content-Type: ${UPLOAD_CONTENT_TYPE}.`);
  }
  const offset = readByteCountHeader(request, UPLOAD_OFFSET_HEADER);
  if (offset === undefined) throw new AppError('VALIDATION_FAILED', `Say where the bytes go: ${UPLOAD_OFFSET_HEADER}.`);
  return { offset, contentLength: readByteCountHeader(request, 'content-length') };
}

export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or null for none. */
  body: string | null;
}

/** A PATCH's answer: 204 with the new offset, or 200 with the stored file's digests. */
export function patchAnswer(result: AppendResult): PlainAnswer {
  const headers: Record<string, string> = { ...NO_STORE, [UPLOAD_OFFSET_HEADER]: String(result.offset) };
  if (result.status === 'open') return { status: 204, headers, body: null };
  const { id, status, sha256, sm3, size } = result;
  headers['Content-Type'] = 'application/json';
  return { status: 200, headers, body: JSON.stringify({ id, status, sha256, sm3, size }) };
}

/**
 * An error's answer: errorResult, plus the error's details in the body, an Upload-Offset header
 * when the server knows where the client should resume, and Retry-After when it says when.
 */
export function uploadErrorAnswer(error: unknown): PlainAnswer {
  const { status, body } = errorResult(error);
  const headers: Record<string, string> = { ...NO_STORE, 'Content-Type': 'application/json' };
  if (!(error instanceof AppError) || !error.details) return { status, headers, body: JSON.stringify(body) };
  const { offset, retryAfterSeconds } = error.details;
  if (typeof offset === 'number') headers[UPLOAD_OFFSET_HEADER] = String(offset);
  if (typeof retryAfterSeconds === 'number') headers['Retry-After'] = String(retryAfterSeconds);
  return {
    status,
    headers,
    body: JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } }),
  };
}
