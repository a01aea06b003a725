/**
 * The monitor's reads from a portal: the checkpoint, the log's key, the witness policy and the
 * tiles under `<portal>/api/v1/log/`. Network faults are never evidence: a refused connection, a
 * timeout, a 5xx or a 429 is retried with exponential backoff, and if it persists the monitor
 * stops with `PortalUnavailableError` (exit 3), never a fork alarm. An answer that is there but
 * wrong in a way that proves nothing about the log's history (a 404 for a tile its signed tree
 * has, an HTML page where text was expected) is `PortalAnswerError` (also exit 3). Only what the
 * log signed or what its tiles hash to can raise an alarm (monitor-log.ts).
 *
 * Portable: only `fetch`, injected.
 *
 * @module
 */
import type { Fetch } from '../command';

export interface RetryPolicy {
  /** Retries after the first attempt (default 5: about 15 s of waiting in all). */
  retries: number;
  /** The first wait; each next one doubles (default 500 ms), capped at 8 s. */
  baseDelayMs: number;
  /** One request's time limit (default 30 s). */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 5, baseDelayMs: 500, timeoutMs: 30_000 };
const MAX_DELAY_MS = 8_000;
/** A checkpoint (up to 100 signature lines, ML-DSA-44 ones ~3.3 KB each), a key, the witness list. */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** An entry bundle may hold 256 entries of up to 65,535 bytes each (uint16 lengths). */
export const MAX_TILE_BYTES = 256 * (2 + 65_535);

/** The portal could not be reached or kept failing (network, 5xx, 429) after every retry. */
export class PortalUnavailableError extends Error {
  override name = 'PortalUnavailableError';
}

/** The portal answered, but not with what the protocol promises (wrong status, not text). */
export class PortalAnswerError extends Error {
  override name = 'PortalAnswerError';
}

export interface PortalAnswer {
  status: number;
  bytes: Uint8Array;
  contentType: string;
}

/** Normalises the portal's base URL: http(s) only, no query or fragment, no trailing slash. */
export function portalBase(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return undefined;
  if (url.search || url.hash) return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export class PortalClient {
  readonly base: string;
  readonly logPrefix: string;
  /** Requests made and retried, for the summary. */
  requests = 0;
  retried = 0;

  constructor(
    base: string,
    private readonly fetch: Fetch,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly signal?: AbortSignal,
    private readonly onRetry?: (message: string) => void,
  ) {
    this.base = base;
    this.logPrefix = `${base}/api/v1/log/`;
  }

  /**
   * GET `<portal>/api/v1/log/<path>`: the answer once it is neither a network fault, a 5xx nor a
   * 429. A body past `maxBytes` (after gzip is undone: no decompression bomb) is refused.
   */
  async get(path: string, maxBytes = MAX_TEXT_BYTES): Promise<PortalAnswer> {
    const url = this.logPrefix + path;
    let lastProblem = '';
    for (let attempt = 0; attempt <= this.retry.retries; attempt++) {
      if (attempt > 0) {
        this.retried++;
        const delay = Math.min(this.retry.baseDelayMs * 2 ** (attempt - 1), MAX_DELAY_MS);
        this.onRetry?.(`${lastProblem}; trying again in ${formatDelay(delay)} (${attempt} of ${this.retry.retries})`);
        await sleep(delay, this.signal);
      }
      this.signal?.throwIfAborted();
      this.requests++;
      const timeout = AbortSignal.timeout(this.retry.timeoutMs);
      const signal = this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
      try {
        const response = await this.fetch(url, { signal });
        const bytes = await readBody(response, maxBytes, url);
        if (response.status >= 500 || response.status === 429 || response.status === 408) {
          lastProblem = `GET ${url} answered ${response.status}`;
          continue;
        }
        return { status: response.status, bytes, contentType: response.headers.get('content-type') ?? '' };
      } catch (error) {
        this.signal?.throwIfAborted();
        if (error instanceof PortalAnswerError) throw error;
        lastProblem = `GET ${url} failed: ${describeNetworkError(error)}`;
      }
    }
    throw new PortalUnavailableError(
      `${lastProblem}. The portal could not be reached after ${this.retry.retries + 1} attempts; nothing was concluded about the log.`,
    );
  }

  /** GET a text resource that must answer 200. */
  async text(path: string, what: string): Promise<string> {
    const answer = await this.get(path);
    if (answer.status !== 200)
      throw new PortalAnswerError(`GET ${this.logPrefix}${path} (${what}) answered ${answer.status}`);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(answer.bytes);
    } catch {
      throw new PortalAnswerError(`GET ${this.logPrefix}${path} (${what}) is not UTF-8 text`);
    }
  }

  /** A tile or entry bundle of a signed tree: anything but 200 is the portal failing to serve it. */
  async tile(path: string, treeSize: bigint): Promise<Uint8Array> {
    const answer = await this.get(path, MAX_TILE_BYTES);
    if (answer.status !== 200) {
      throw new PortalAnswerError(
        `GET ${this.logPrefix}${path} answered ${answer.status}: the portal does not serve a tile of its own signed tree of ${treeSize}`,
      );
    }
    return answer.bytes;
  }
}

/** The body, read as it streams, refused once it passes `maxBytes`. */
async function readBody(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const tooLarge = () => new PortalAnswerError(`GET ${url} answered more than ${maxBytes} bytes`);
  if (!response.body) return new Uint8Array(0);
  // content-length counts the encoded bytes; the check below counts the decoded ones.
  if (declared > maxBytes && !response.headers.get('content-encoding')) {
    await response.body.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'no answer in time';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
    return error.message;
  }
  return String(error);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
