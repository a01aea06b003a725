/**
 * The SDK's one way to the portal: `fetch` with a timeout per attempt, a cap on every answer's
 * size, and retries where they are safe. Every request the SDK makes may be repeated: reads are
 * GETs, and a deposit always carries an Idempotency-Key, which the portal answers on a repeat
 * with the first request's deposits (`idempotent-replayed: true`) — nothing is deposited twice.
 *
 * Retried: network errors, timeouts, 408, 429, 502, 503, 504 — waiting `backoffMs` × 2^attempt
 * (0.5, 1, 2, 4, 8 s by default, 8 s at most), or what the answer's Retry-After asks (seconds or
 * an HTTP date, at most 60 s). After the last retry: VerityError UNAVAILABLE. Other 4xx/5xx are
 * answered to the caller, who turns them into errors with `httpError` (the portal's code and
 * message, lib/errors/error-body.schema.ts). Browser-safe.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 * @module
 */
import { ZErrorBody } from '@/lib/errors/error-body.schema';
import { VerityError } from './errors';

export interface HttpClientOptions {
  /** The portal's base URL (`https://verity.court.example`). */
  url: string;
  fetch?: typeof fetch;
  /** Retries after the first attempt (default 5). */
  retries?: number;
  /** The first wait between attempts, doubled each time, at most 8 s (default 500 ms). */
  backoffMs?: number;
  /** One attempt's limit, answer included (default 30 s; a batch of 1000 is sealed well within it). */
  timeoutMs?: number;
  /** The largest answer read, in bytes (default 32 MiB; a batch of 1000 receipts is about 2.5 MB). */
  maxResponseBytes?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path and query under the base URL, starting with `/`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export type HttpClient = (request: HttpRequest) => Promise<HttpAnswer>;

const RETRYABLE = new Set([408, 429, 502, 503, 504]);
const MAX_BACKOFF_MS = 8_000;
const MAX_RETRY_AFTER_MS = 60_000;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retries = options.retries ?? 5;
  const backoffMs = options.backoffMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;

  return async (request) => {
    const url = `${base}${request.path}`;
    let problem = '';
    for (let attempt = 0; ; attempt++) {
      if (request.signal?.aborted) throw aborted(request.signal);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      let wait = Math.min(backoffMs * 2 ** attempt, MAX_BACKOFF_MS);
      try {
        const response = await doFetch(url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal,
          cache: 'no-store',
        });
        const text = await readCapped(response, maxBytes, url);
        if (!RETRYABLE.has(response.status)) return { status: response.status, headers: response.headers, text };
        problem = `${request.method} ${url} answered HTTP ${response.status}${portalMessage(text)}`;
        const after = retryAfterMs(response.headers.get('retry-after'));
        if (after !== null) wait = after;
      } catch (error) {
        if (request.signal?.aborted) throw aborted(request.signal);
        if (error instanceof VerityError) throw error;
        problem = timeout.aborted
          ? `${request.method} ${url} did not answer within ${timeoutMs} ms`
          : `${request.method} ${url} could not be reached: ${messageOf(error)}`;
      }
      if (attempt >= retries) {
        throw new VerityError(
          'UNAVAILABLE',
          `${problem} (gave up after ${attempt + 1} attempt${attempt === 0 ? '' : 's'})`,
        );
      }
      await sleep(wait, request.signal);
    }
  };
}

/** The error for an answer that is not the success the caller expected (401/403: UNAUTHORIZED). */
export function httpError(answer: HttpAnswer, what: string): VerityError {
  const body = portalError(answer.text);
  const message = `${what}: HTTP ${answer.status}${body ? ` ${body.code}: ${body.message}` : ''}`;
  const details = { status: answer.status, ...(body ? { portalCode: body.code } : {}) };
  if (answer.status === 401 || answer.status === 403) return new VerityError('UNAUTHORIZED', message, details);
  return new VerityError('HTTP', message, details);
}

function portalError(text: string): { code: string; message: string } | null {
  try {
    const parsed = ZErrorBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.error : null;
  } catch {
    return null;
  }
}

function portalMessage(text: string): string {
  const body = portalError(text);
  return body ? ` (${body.code}: ${body.message})` : '';
}

/** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** The answer as text, refusing (INVALID_RESPONSE) past `max` bytes without reading it all first. */
async function readCapped(response: Response, max: number, url: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  const tooLarge = () =>
    new VerityError('INVALID_RESPONSE', `${url} answered more than ${max} bytes`, { status: response.status });
  if (declared > max) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(bytes);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function aborted(signal: AbortSignal): VerityError {
  return new VerityError('ABORTED', `the request was aborted${signal.reason ? `: ${messageOf(signal.reason)}` : ''}`, {
    cause: signal.reason,
  });
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
