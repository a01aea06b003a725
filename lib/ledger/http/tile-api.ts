import 'server-only';
/**
 * GET /api/v1/log/tile/<L>/<N>[.p/<W>] and /api/v1/log/tile/entries/<N>[.p/<W>]: the log as
 * c2sp.org/tlog-tiles, so witnesses, monitors and a CDN read it without the ledger's API. Called
 * by the Next.js route handler and by the front server (lib/front), like ledger-api.ts.
 *
 * - 200 `application/octet-stream`: a hash tile (32 bytes a hash) or an entry bundle (each leaf's
 *   exact bytes after a 2-byte big-endian length), gzip-encoded when the client accepts it.
 * - A full tile never changes: cached for a year, `immutable`. A partial tile's bytes never change
 *   either, but the spec lets a log stop serving it once the full tile exists: a minute.
 * - 404 for a tile the tree does not have yet (never cached: it will exist), 400 for a path that
 *   is not a tile path in the spec's one spelling.
 *
 * @see https://c2sp.org/tlog-tiles
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { AppError } from '@/lib/errors/app-error';
import { errorResult } from '@/lib/errors/http';
import { isTlogError, parseTilePath, TILE_WIDTH, type Tile } from '@/lib/tlog';
import { readTile } from '../read-tile';
import type { ApiRequest, ApiResult } from './ledger-api';

export const TILE_PATH_PREFIX = '/api/v1/log/tile/';
export const FULL_TILE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const PARTIAL_TILE_CACHE_CONTROL = 'public, max-age=60';
const TILE_TYPE = 'application/octet-stream';

const gzipAsync = promisify(gzip);

/** GET of a tile or entry bundle: `request.url.pathname` is /api/v1/log/tile/…. */
export async function getTile(request: ApiRequest): Promise<ApiResult> {
  try {
    const tile = parseRequestedTile(request.url.pathname);
    const bytes = await readTile(tile);
    if (!bytes) throw new AppError('NOT_FOUND', `The log has no ${tileName(tile)} yet.`);
    const headers: Record<string, string> = {
      'content-type': TILE_TYPE,
      'cache-control': tile.width === TILE_WIDTH ? FULL_TILE_CACHE_CONTROL : PARTIAL_TILE_CACHE_CONTROL,
    };
    if (tile.level !== 'entries') return { status: 200, headers, body: bytes as Uint8Array<ArrayBuffer> };
    // Entry bundles are JSON leaves: the spec asks for compression at the HTTP layer.
    headers.vary = 'Accept-Encoding';
    if (!acceptsGzip(request.header('accept-encoding')))
      return { status: 200, headers, body: bytes as Uint8Array<ArrayBuffer> };
    // Level 1: the leaves are mostly hex digests, which compress about as well at 1 as at 6 (~26%), for a quarter of the CPU.
    const zipped = await gzipAsync(bytes, { level: 1 });
    return {
      status: 200,
      headers: { ...headers, 'content-encoding': 'gzip' },
      body: new Uint8Array(zipped.buffer, zipped.byteOffset, zipped.length) as Uint8Array<ArrayBuffer>,
    };
  } catch (error) {
    const { status, body } = errorResult(error);
    return {
      status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify(body),
    };
  }
}

function parseRequestedTile(pathname: string): Tile {
  if (!pathname.startsWith(TILE_PATH_PREFIX)) throw new AppError('NOT_FOUND', 'Not a tile path.');
  try {
    return parseTilePath(`tile/${pathname.slice(TILE_PATH_PREFIX.length)}`);
  } catch (error) {
    if (isTlogError(error, 'MALFORMED_TILE_PATH')) {
      throw new AppError(
        'MALFORMED_TILE_PATH',
        `${error.message}. Expected tile/<level 0–63>/<N> or tile/entries/<N>, N in three-digit elements (x001/x234/067), and .p/<width 1–255> for a partial tile (c2sp.org/tlog-tiles).`,
      );
    }
    throw error;
  }
}

function tileName(tile: Tile): string {
  const what = tile.level === 'entries' ? `entry bundle ${tile.index}` : `tile ${tile.index} at level ${tile.level}`;
  return tile.width === TILE_WIDTH ? `full ${what}` : `${what} of width ${tile.width}`;
}

/** RFC 9110 §12.5.3: gzip (or x-gzip, or *) listed without q=0. */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding?.trim() !== 'gzip' && coding?.trim() !== 'x-gzip' && coding?.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
