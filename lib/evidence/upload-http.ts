import 'server-only';
/**
 * The HTTP edge of the upload route handlers (app/api/v1/…/uploads): who is asking (the session
 * cookie, through Next.js), and the framework-free parts re-exported from upload-answers.ts.
 */
import type { Actor } from '@/lib/auth/actor';
import { getCurrentUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { type PlainAnswer, uploadErrorAnswer } from './upload-answers';

export {
  type HeaderSource,
  NO_STORE,
  type PlainAnswer,
  patchAnswer,
  readByteCountHeader,
  readPatchHeaders,
  requireUploadHeader,
  uploadErrorAnswer,
} from './upload-answers';

/** The signed-in user, or UNAUTHENTICATED. */
export async function requireUploader(): Promise<Actor> {
  const actor = await getCurrentUser();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to upload evidence.');
  return actor;
}

/**
 * uploadErrorAnswer as a fetch Response: the error with its details, and Upload-Offset /
 * Retry-After where known.
 */
export function uploadErrorResponse(error: unknown): Response {
  return toResponse(uploadErrorAnswer(error));
}

export function toResponse(answer: PlainAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
