/**
 * The witness over HTTP (node:http, nothing else): c2sp.org/tlog-witness.
 *
 *     POST /add-checkpoint            → 200 cosignature lines, or the spec's error statuses
 *     GET  /<sha256(origin) hex>/checkpoint → the latest cosigned checkpoint (monitoring), or 404
 *
 * The body is read up to `maxBodyBytes` (413 beyond it: 63 proof lines and a checkpoint with its
 * signatures fit in far less); slow clients are cut by Node's request timeouts. Errors answer
 * `text/plain` with one line saying what was wrong; a 409 answers `text/x.tlog.size` with the
 * latest cosigned size and a newline, as the spec requires; a 429 carries Retry-After.
 * Keep-alive is on (the spec recommends it).
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cosignerVerifierKeyFromSignerKey } from '@/lib/tlog';
import { acquireDirectoryLock } from './directory-lock';
import { EventLog } from './event-log';
import { DEFAULT_ADDRESS_RATE_LIMIT, DEFAULT_RATE_LIMIT, type RateLimitOptions, TokenBuckets } from './rate-limit';
import { Witness } from './witness';
import { loadWitness } from './witness-directory';
import { WitnessError } from './witness-error';
import { WitnessStateStore } from './witness-state';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_WITNESS_PORT = 7380;

export interface WitnessServerOptions {
  host?: string;
  /** 0 for any free port. */
  port?: number;
  maxBodyBytes?: number;
  /** Per log origin (validly signed requests). */
  rateLimit?: RateLimitOptions;
  /** Per client address, before parsing. */
  addressRateLimit?: RateLimitOptions;
  eventLogBytes?: number;
  /** POSIX seconds, for tests. */
  now?: () => number;
}

export interface RunningWitness {
  url: string;
  port: number;
  name: string;
  verifierKeys: string[];
  witness: Witness;
  events: EventLog;
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=utf-8';

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': TEXT, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new WitnessError(413, `the body is larger than ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        req.removeAllListeners('data');
        reject(new WitnessError(413, `the body is larger than ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function answerError(res: ServerResponse, error: unknown): void {
  if (!(error instanceof WitnessError)) {
    console.error('witness: internal error', error);
    send(res, 500, 'internal error\n');
    return;
  }
  if (error.status === 409 && error.size !== undefined) {
    send(res, 409, `${error.size}\n`, { 'Content-Type': 'text/x.tlog.size' });
    return;
  }
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter);
  if (error.status === 413) headers.Connection = 'close';
  send(res, error.status, `${error.message}\n`, headers);
}

export async function startWitnessServer(dir: string, options: WitnessServerOptions = {}): Promise<RunningWitness> {
  const loaded = await loadWitness(dir);
  const release = await acquireDirectoryLock(dir);
  try {
    const state = new WitnessStateStore(dir);
    await state.clean();
    const events = new EventLog(dir, options.eventLogBytes);
    const witness = new Witness({
      logs: loaded.logs,
      state,
      signers: loaded.signers,
      events,
      limits: new TokenBuckets(options.rateLimit ?? DEFAULT_RATE_LIMIT),
      ...(options.now ? { now: options.now } : {}),
    });
    const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const addresses = new TokenBuckets(options.addressRateLimit ?? DEFAULT_ADDRESS_RATE_LIMIT);

    const server: Server = createServer(async (req, res) => {
      try {
        const pathname = new URL(req.url ?? '/', 'http://witness').pathname;
        if (pathname === '/add-checkpoint') {
          if (req.method !== 'POST') {
            send(res, 405, 'add-checkpoint takes POST\n', { Allow: 'POST' });
            return;
          }
          const wait = addresses.take(req.socket.remoteAddress ?? '');
          if (wait > 0) throw new WitnessError(429, 'too many requests from this address', { retryAfter: wait });
          const body = await readBody(req, maxBody);
          const lines = await witness.addCheckpoint(body, req.socket.remoteAddress);
          send(res, 200, lines);
          return;
        }
        const monitoring = /^\/([0-9a-f]{64})\/checkpoint$/.exec(pathname);
        if (monitoring?.[1]) {
          if (req.method !== 'GET' && req.method !== 'HEAD') {
            send(res, 405, 'checkpoint takes GET\n', { Allow: 'GET, HEAD' });
            return;
          }
          const note = await witness.latestCheckpoint(monitoring[1]);
          if (note === undefined) send(res, 404, 'this witness has cosigned no checkpoint of that log\n');
          else send(res, 200, note, { 'Cache-Control': 'no-cache' });
          return;
        }
        send(res, 404, 'not found: POST /add-checkpoint or GET /<sha256(origin) hex>/checkpoint\n');
      } catch (error) {
        answerError(res, error);
      }
    });
    server.requestTimeout = 15_000;
    server.headersTimeout = 10_000;
    server.keepAliveTimeout = 30_000;

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_WITNESS_PORT, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port, address, family } = server.address() as AddressInfo;
    const host = family === 'IPv6' ? `[${address}]` : address;
    return {
      url: `http://${host}:${port}`,
      port,
      name: loaded.config.name,
      verifierKeys: loaded.signers.map((key) => cosignerVerifierKeyFromSignerKey(key)),
      witness,
      events,
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await events.flush();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
