/**
 * The HTTP edge of AppError: JSON error responses and bounded JSON bodies, shared by the
 * route handlers so every endpoint answers errors the same way.
 */
import { z } from 'zod';
import { AppError, toErrorBody } from './app-error';

export function errorResponse(error: unknown): Response {
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    const message = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'The request is not valid.';
    return Response.json({ error: { code: 'VALIDATION_FAILED', message, details: { issues } } }, { status: 422 });
  }
  if (!(error instanceof AppError)) console.error(error);
  const { status, body } = toErrorBody(error);
  return Response.json(body, { status });
}

/** Reads a JSON body, refusing more than `maxBytes` without buffering it all first. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json.');
  }
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
  const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('MALFORMED_JSON', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The body is larger than ${maxBytes / 1024 / 1024} MiB; send fewer deposits per request.`,
  );
}
