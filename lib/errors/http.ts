/**
 * The HTTP edge of AppError: JSON error responses and bounded JSON bodies, shared by the
 * route handlers so every endpoint answers errors the same way.
 */
import { z } from 'zod';
import { isDatabaseUnavailable } from '@/lib/db/database-unavailable';
import { parseStrictJson } from '@/lib/text/strict-json';
import { AppError, toErrorBody } from './app-error';
import { issueLines, issueText } from './zod-issues';

export function errorResponse(error: unknown): Response {
  const { status, body } = errorResult(error);
  // RFC 9110 §10.2.3: a 503 says when to try again (the conditions behind UNAVAILABLE are short-lived).
  return Response.json(body, { status, headers: status === 503 ? { 'retry-after': RETRY_AFTER_SECONDS } : {} });
}

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = '5';

/** What an unreachable database is answered with: no fault of the request, and a retry will do. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The portal’s database cannot be reached just now (it may be restarting). Retry in a few seconds; ' +
  'send a deposit again with the same Idempotency-Key, so that it is never made twice.';

/** The status and JSON body of an error, for any HTTP layer (Next.js route handlers or lib/front). */
export function errorResult(error: unknown): { status: number; body: unknown } {
  if (error instanceof z.ZodError) {
    const issues = issueLines(error);
    const message = issues[0] ? issueText(issues[0]) : 'The request is not valid.';
    return { status: 422, body: { error: { code: 'VALIDATION_FAILED', message, details: { issues } } } };
  }
  if (isDatabaseUnavailable(error)) {
    // One line, not a stack: during an outage every request would print one.
    console.error(`verity: the database is unavailable (${faultSummary(error)}); answered 503`);
    return toErrorBody(new AppError('UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE));
  }
  if (!(error instanceof AppError)) console.error(error);
  return toErrorBody(error);
}

/** The first non-empty line of each message down the cause chain (Prisma's start with a blank line). */
function faultSummary(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error && parts.length < 3; e = e.cause) {
    const line = e.message
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean);
    if (line) parts.push(line);
  }
  return parts.join(': ') || String(error);
}

/** Reads a JSON body, refusing more than `maxBytes` without buffering it all first. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  requireJsonContentType(request.headers.get('content-type'));
  return parseJsonBytes(await readBodyBytes(request, maxBytes));
}

/** Refuses a body that is not declared as JSON (before reading it). */
export function requireJsonContentType(contentType: string | null): void {
  if (!/^application\/json\b/i.test(contentType ?? '')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json.');
  }
}

/**
 * Parses a JSON body's bytes (strict UTF-8); MALFORMED_JSON with the parser's words otherwise, and
 * VALIDATION_FAILED for a member name given twice or a number that would not be read exactly
 * (lib/text/strict-json.ts): what is stored must be what the client sent.
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('MALFORMED_JSON', 'The body is not valid UTF-8 text.');
  }
  try {
    return parseStrictJson(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new AppError('MALFORMED_JSON', `The body is not valid JSON: ${error.message}`);
  }
}

/** A fetch Request's body, refusing more than `maxBytes` (declared or sent) without buffering it all first. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const reader = request.body?.getReader();
  if (!reader) throw new AppError('MALFORMED_JSON', 'The request has no body; send a JSON object.');
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The body is larger than ${maxBytes / 1024 / 1024} MiB; send fewer deposits per request.`,
  );
}
