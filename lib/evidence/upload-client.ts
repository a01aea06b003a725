/**
 * BROWSER. Uploads one file to a case through the resumable upload API
 * (lib/evidence/upload-protocol.ts): creates the upload with the digests the page computed,
 * sends the file in slices with PATCH, and after a network failure asks the server where it
 * stands (HEAD) and resumes from there, with growing pauses. Cancelling (the signal) stops the
 * request in flight and deletes the upload on the server.
 *
 * The server hashes the bytes it receives; if they differ from the declared digests the
 * upload fails with `DIGEST_MISMATCH` — this client never decides that a file is good.
 *
 * Imports nothing server-side: it runs in the page (and in Node, for tests).
 */
import {
  DEFAULT_CHUNK_SIZE,
  UPLOAD_CONTENT_TYPE,
  UPLOAD_CSRF_HEADER,
  UPLOAD_OFFSET_HEADER,
  UPLOAD_STATUS_HEADER,
} from './upload-protocol';

export interface UploadProgress {
  /** Bytes the server has acknowledged. */
  bytesSent: number;
  totalBytes: number;
  /** 0–100. */
  percent: number;
  /** Over the last few slices; 0 until one slice has been sent. */
  bytesPerSecond: number;
  /** null until the rate is known. */
  secondsLeft: number | null;
}

export interface UploadFileOptions {
  caseId: string;
  /** The file's digests as the page computed them (lowercase hex). */
  sha256: string;
  sm3: string;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** Bytes per PATCH; default the server's suggestion (8 MiB). */
  chunkSize?: number;
  /** Consecutive failed attempts without progress before giving up (default 6: about a minute). */
  maxRetries?: number;
  /** First pause after a failure, doubled each time up to 30 s (default 1 s). */
  retryDelayMs?: number;
  /** For tests: the fetch to use and the origin to address. */
  fetch?: typeof fetch;
  baseUrl?: string;
}

export interface UploadResult {
  id: string;
  size: number;
  /** The server's own digests of the bytes it stored (equal to the declared ones). */
  sha256: string;
  sm3: string;
}

export type UploadErrorCode =
  /** The server's hash of the bytes differs from the declared digests: the upload was refused. */
  | 'DIGEST_MISMATCH'
  /** Larger than the court accepts. */
  | 'PAYLOAD_TOO_LARGE'
  /**
   * The person's (413) or the case's (409) storage quota is used up; `details` is the server's
   * QuotaDetails ({ quota: 'person' | 'case', usedBytes, allowedBytes, fileBytes }).
   */
  | 'QUOTA_EXCEEDED'
  /** Not allowed to submit to this case (or no longer). */
  | 'FORBIDDEN'
  /** No such case or upload (or not the uploader's). */
  | 'NOT_FOUND'
  /** Signed out. */
  | 'UNAUTHENTICATED'
  /** The server could not be reached or kept failing after every retry. */
  | 'NETWORK'
  /** Anything else the server refused; `serverCode` says what. */
  | 'REFUSED';

export class UploadError extends Error {
  readonly code: UploadErrorCode;
  /** The server's AppError code when it answered one. */
  readonly serverCode?: string;
  readonly status?: number;
  readonly details?: Record<string, unknown>;
  constructor(
    code: UploadErrorCode,
    message: string,
    extra: { serverCode?: string; status?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'UploadError';
    this.code = code;
    this.serverCode = extra.serverCode;
    this.status = extra.status;
    this.details = extra.details;
  }
}

export function isUploadError(error: unknown, code?: UploadErrorCode): error is UploadError {
  return error instanceof UploadError && (code === undefined || error.code === code);
}

const KNOWN: readonly string[] = ['DIGEST_MISMATCH', 'PAYLOAD_TOO_LARGE', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED'];
const MAX_DELAY_MS = 30_000;

/** A failure worth retrying after asking the server for its offset. */
class Retryable extends Error {}

type UploadFile = Blob & { name?: string };

export async function uploadFile(file: UploadFile, options: UploadFileOptions): Promise<UploadResult> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl ?? '';
  const signal = options.signal;
  const maxRetries = options.maxRetries ?? 6;
  const firstDelay = options.retryDelayMs ?? 1000;
  throwIfAborted(signal);

  const created = await request(doFetch, `${base}/api/v1/cases/${encodeURIComponent(options.caseId)}/uploads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [UPLOAD_CSRF_HEADER]: '1' },
    body: JSON.stringify({
      fileName: file.name || 'file',
      mediaType: file.type || 'application/octet-stream',
      size: file.size,
      sha256: options.sha256,
      sm3: options.sm3,
    }),
    signal,
  }).catch((error: unknown) => {
    // Not retried: a second POST could start a second upload.
    if (error instanceof Retryable) {
      throw new UploadError('NETWORK', `The server could not be reached (${error.message}); try again.`);
    }
    throw error;
  });
  const { id, chunkSize: suggested } = (await created.json()) as { id: string; chunkSize?: number };
  const url = `${base}/api/v1/uploads/${encodeURIComponent(id)}`;
  const chunkSize = Math.max(1, options.chunkSize ?? suggested ?? DEFAULT_CHUNK_SIZE);
  const rate = new RateMeter();
  const report = (bytesSent: number) => {
    if (!options.onProgress) return;
    const bytesPerSecond = rate.bytesPerSecond();
    options.onProgress({
      bytesSent,
      totalBytes: file.size,
      percent: file.size === 0 ? 100 : (bytesSent / file.size) * 100,
      bytesPerSecond,
      secondsLeft: bytesPerSecond > 0 ? (file.size - bytesSent) / bytesPerSecond : null,
    });
  };

  try {
    let offset = 0;
    let failures = 0;
    // After a failure: ask the server where it stands before sending more.
    let lost = false;
    report(0);
    rate.add(0);
    for (;;) {
      throwIfAborted(signal);
      try {
        if (lost) {
          const where = await askOffset(doFetch, url, signal);
          if (where.status !== 'open') return await finished(doFetch, url, id, signal);
          offset = where.offset;
          lost = false;
          report(offset);
        }
        const end = Math.min(file.size, offset + chunkSize);
        const response = await request(doFetch, url, {
          method: 'PATCH',
          headers: {
            'Content-Type': UPLOAD_CONTENT_TYPE,
            [UPLOAD_OFFSET_HEADER]: String(offset),
            [UPLOAD_CSRF_HEADER]: '1',
          },
          body: file.slice(offset, end),
          signal,
        });
        offset = Number(response.headers.get(UPLOAD_OFFSET_HEADER) ?? end);
        failures = 0;
        rate.add(offset);
        report(offset);
        if (response.status === 200) {
          const done = (await response.json()) as UploadResult;
          return { id, size: done.size, sha256: done.sha256, sm3: done.sm3 };
        }
      } catch (error) {
        if (!(error instanceof Retryable) || signal?.aborted) throw error;
        if (++failures > maxRetries) throw error;
        await sleep(Math.min(MAX_DELAY_MS, firstDelay * 2 ** (failures - 1)), signal);
        lost = true;
      }
    }
  } catch (error) {
    if (signal?.aborted) {
      // Best effort: the server also removes abandoned uploads by itself.
      await doFetch(url, { method: 'DELETE', headers: { [UPLOAD_CSRF_HEADER]: '1' } }).catch(() => {});
      throw abortError(signal);
    }
    if (error instanceof Retryable) {
      throw new UploadError(
        'NETWORK',
        `The upload kept failing (${error.message}); check the connection and try again.`,
      );
    }
    throw error;
  }
}

/** Where the server stands; network failures here are retryable too. */
async function askOffset(
  doFetch: typeof fetch,
  url: string,
  signal: AbortSignal | undefined,
): Promise<{ offset: number; status: string }> {
  const response = await request(doFetch, url, { method: 'HEAD', signal });
  return {
    offset: Number(response.headers.get(UPLOAD_OFFSET_HEADER) ?? 0),
    status: response.headers.get(UPLOAD_STATUS_HEADER) ?? 'open',
  };
}

/** The last PATCH's answer was lost: read the outcome from the upload's state. */
async function finished(
  doFetch: typeof fetch,
  url: string,
  id: string,
  signal: AbortSignal | undefined,
): Promise<UploadResult> {
  const state = (await (await request(doFetch, url, { method: 'GET', signal })).json()) as {
    status: string;
    size: number;
    sha256: string;
    sm3: string;
  };
  if (state.status === 'failed') {
    throw new UploadError(
      'DIGEST_MISMATCH',
      'The file the server received does not match the file your browser hashed; the upload is refused.',
      { serverCode: 'DIGEST_MISMATCH' },
    );
  }
  return { id, size: state.size, sha256: state.sha256, sm3: state.sm3 };
}

/**
 * fetch, with the answer sorted: 2xx returned; network failures, 408, 429, 5xx but 507, and
 * CONFLICT (the server is at another offset, or still busy with a cut-off request) Retryable, but
 * for a full quota; other errors an UploadError with the server's code and message.
 */
async function request(doFetch: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await doFetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch (error) {
    if (init.signal?.aborted) throw abortError(init.signal);
    throw new Retryable(error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return response;
  const body = init.method === 'HEAD' ? null : await response.json().catch(() => null);
  const error = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)
    ?.error;
  // A full quota is a CONFLICT (the case) that no retry resolves: said to the person at once.
  const quota = error?.details?.quota === 'person' || error?.details?.quota === 'case';
  // 429: this person's other uploads fill their places for now; 507 (the store is full) is not
  // retried: its message says what to do, and retrying would only hide it behind NETWORK.
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  if ((retryable && response.status !== 507) || (error?.code === 'CONFLICT' && !quota)) {
    throw new Retryable(error?.message ?? `HTTP ${response.status}`);
  }
  const serverCode = error?.code;
  const code: UploadErrorCode = quota
    ? 'QUOTA_EXCEEDED'
    : serverCode && KNOWN.includes(serverCode)
      ? (serverCode as UploadErrorCode)
      : 'REFUSED';
  throw new UploadError(code, error?.message ?? `The server answered HTTP ${response.status}.`, {
    serverCode,
    status: response.status,
    details: error?.details,
  });
}

/** Bytes per second over the last 10 seconds of acknowledged progress. */
class RateMeter {
  private samples: Array<{ at: number; bytes: number }> = [];
  add(bytes: number): void {
    const at = Date.now();
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - (this.samples[0]?.at ?? at) > 10_000) this.samples.shift();
  }
  bytesPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at));
  }
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name === 'AbortError'
    ? reason
    : new DOMException('The upload was cancelled.', 'AbortError');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
