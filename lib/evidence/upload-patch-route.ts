import 'server-only';
/**
 * PATCH /api/v1/uploads/{id} on node:http, answered by the front server itself (lib/front) rather
 * than passed on to Next.js: the body goes from the socket to appendToUpload as Node buffers, with
 * no proxy hop and no web-stream conversion in between (issue #21: that path ran at ~56 MB/s; see
 * bench/upload-throughput.ts). The same steps as the Next.js route handler
 * (app/api/v1/uploads/[id]/route.ts): CSRF header, session cookie (the same check as
 * getCurrentUser: lib/auth/session-from-cookie.ts), headers, appendToUpload, the same answers.
 */
import type http from 'node:http';
import { sessionFromCookie } from '@/lib/auth/session-from-cookie';
import { AppError } from '@/lib/errors/app-error';
import { appendToUpload } from './append-to-upload';
import {
  type HeaderSource,
  type PlainAnswer,
  patchAnswer,
  readPatchHeaders,
  requireUploadHeader,
  uploadErrorAnswer,
} from './upload-answers';

const PREFIX = '/api/v1/uploads/';

/** The handler of `method pathname` when it is an upload PATCH; undefined for everything else. */
export function uploadPatchRoute(
  method: string | undefined,
  pathname: string,
): ((req: http.IncomingMessage) => Promise<PlainAnswer>) | undefined {
  if (method !== 'PATCH' || !pathname.startsWith(PREFIX)) return undefined;
  const segment = pathname.slice(PREFIX.length);
  if (segment.length === 0 || segment.includes('/')) return undefined;
  return (req) => patchUpload(req, segment);
}

async function patchUpload(req: http.IncomingMessage, segment: string): Promise<PlainAnswer> {
  try {
    const request = headerSource(req);
    // The Next.js route's order: CSRF, then who, then the rest of the headers.
    requireUploadHeader(request);
    const actor = await sessionFromCookie(req.headers.cookie);
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to upload evidence.');
    const { offset, contentLength } = readPatchHeaders(request);
    // Malformed escapes are no upload id (appendToUpload answers NOT_FOUND for those as for any).
    const id = decodeSegment(segment);
    // The request stays open when appendToUpload stops reading (idle, refused): the front server
    // answers first, then ends the connection (destroying the stream here would lose the answer).
    const body = req.iterator({ destroyOnReturn: false });
    return patchAnswer(await appendToUpload(actor, id, offset, body, { contentLength }));
  } catch (error) {
    return uploadErrorAnswer(error);
  }
}

function headerSource(req: http.IncomingMessage): HeaderSource {
  return {
    headers: {
      get(name) {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
