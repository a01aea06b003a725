/**
 * The upload protocol's fixed names, shared by the route handlers and the browser client
 * (browser-safe: no imports). A small subset of tus 1.0 (https://tus.io/protocols/resumable-upload):
 * `POST` creates an upload, `PATCH` appends bytes at `Upload-Offset`, `HEAD` answers the offset
 * the server holds, `DELETE` cancels. Unlike tus, the client declares the file's SHA-256 and SM3
 * when it creates the upload, and the server refuses the upload if the bytes it received hash
 * differently.
 */

/** Request: where the body's bytes go. Response: the bytes the server now holds. */
export const UPLOAD_OFFSET_HEADER = 'Upload-Offset';
/** Response to HEAD: the upload's declared size. */
export const UPLOAD_LENGTH_HEADER = 'Upload-Length';
/** Response to HEAD: `open`, `complete`, `failed` or `consumed`. */
export const UPLOAD_STATUS_HEADER = 'Upload-Status';
/** The only content type a PATCH body may have (tus's). */
export const UPLOAD_CONTENT_TYPE = 'application/offset+octet-stream';
/**
 * Every state-changing upload request (POST, PATCH, DELETE) must carry `X-Verity-Upload: 1`.
 * These requests are authenticated by the session cookie; a page on another site can make the
 * browser send that cookie, but it cannot add a custom header without a CORS preflight, which
 * Verity never grants. (The cookie is also SameSite=Lax; the header does not rely on it.)
 */
export const UPLOAD_CSRF_HEADER = 'X-Verity-Upload';

/** The PATCH size the server suggests: large enough to be efficient, small enough to retry cheaply. */
export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
/** The default largest upload, 4 GiB (VERITY_MAX_UPLOAD_BYTES). */
export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

export const UPLOAD_STATUSES = ['open', 'complete', 'failed', 'consumed'] as const;
export type UploadState = (typeof UPLOAD_STATUSES)[number];
