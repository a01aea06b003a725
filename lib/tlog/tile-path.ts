/**
 * Tile coordinates of a tiled transparency log (c2sp.org/tlog-tiles): which tiles a tree of a
 * given size has, and their paths, `tile/<L>/<N>[.p/<W>]` for hash tiles and
 * `tile/entries/<N>[.p/<W>]` for entry bundles, relative to the log's URL prefix.
 *
 * A tile is 256 consecutive hashes of one level of 8: the tile at level L, index N holds
 * MTH(D[(N·256 + i)·256^L : (N·256 + i + 1)·256^L]) for i in 0..255, i.e. the stored subtree
 * hashes at tree level 8·L. Only the right edge of a tree has partial tiles (width 1–255).
 * Parsing is strict: one path per tile (Go's x/mod `ParseTilePath` likewise re-encodes and compares).
 *
 * @see https://c2sp.org/tlog-tiles
 * @module
 */
import { TlogError } from './errors';
import { MAX_UINT64, toUint64, type Uint64Like } from './uint64';

/** Tree levels per tile. */
export const TILE_HEIGHT = 8;
/** Hashes (or entries) in a full tile: 2^TILE_HEIGHT. */
export const TILE_WIDTH = 256;
/** The highest tile level the spec allows in a path. */
export const MAX_TILE_LEVEL = 63;

/** A hash tile's level (0–63), or the log's entry bundles (which line up with level 0). */
export type TileLevel = number | 'entries';

export interface Tile {
  readonly level: TileLevel;
  /** The tile's index within its level. */
  readonly index: bigint;
  /** 1–255 for a partial tile, TILE_WIDTH for a full one. */
  readonly width: number;
}

/** The base-1000 groups of N; seven cover any index whose tile starts below 2^64. */
const MAX_INDEX_GROUPS = 7;
const LEVEL = /^(0|[1-9][0-9]?)$/;
const WIDTH = /^[1-9][0-9]{0,2}$/;
const GROUP = /^x[0-9]{3}$/;
const LAST_GROUP = /^[0-9]{3}$/;

function malformed(path: string, why: string): TlogError {
  return new TlogError('MALFORMED_TILE_PATH', `"${path.slice(0, 120)}" is not a tile path: ${why}`);
}

function levelNumber(level: TileLevel): number {
  return level === 'entries' ? 0 : level;
}

/** The first leaf index a tile covers: N · 256^(L+1) (entry bundles: N · 256). */
export function tileStartLeaf(tile: Pick<Tile, 'level' | 'index'>): bigint {
  return tile.index << BigInt(TILE_HEIGHT * (levelNumber(tile.level) + 1));
}

function checkTile(tile: Tile): void {
  const { level, index, width } = tile;
  if (level !== 'entries' && !(Number.isInteger(level) && level >= 0 && level <= MAX_TILE_LEVEL)) {
    throw new TlogError(
      'INVALID_ARGUMENT',
      `tile level must be 0–${MAX_TILE_LEVEL} or "entries", got ${String(level)}`,
    );
  }
  if (typeof index !== 'bigint' || index < 0n) {
    throw new TlogError('INVALID_ARGUMENT', `tile index must be a non-negative bigint, got ${String(index)}`);
  }
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw new TlogError('INVALID_ARGUMENT', `tile width must be 1–${TILE_WIDTH}, got ${String(width)}`);
  }
  if (tileStartLeaf(tile) > MAX_UINT64) {
    throw new TlogError('INVALID_ARGUMENT', `tile ${level}/${index} starts beyond any 64-bit tree`);
  }
}

/** N as the spec's three-digit path elements, all but the last prefixed with x: 1234067 → x001/x234/067. */
export function formatTileIndex(index: bigint): string {
  let rest = index / 1000n;
  let path = (index % 1000n).toString().padStart(3, '0');
  while (rest > 0n) {
    path = `x${(rest % 1000n).toString().padStart(3, '0')}/${path}`;
    rest /= 1000n;
  }
  return path;
}

/** `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`, without the log's prefix. */
export function formatTilePath(tile: Tile): string {
  checkTile(tile);
  const partial = tile.width === TILE_WIDTH ? '' : `.p/${tile.width}`;
  return `tile/${tile.level}/${formatTileIndex(tile.index)}${partial}`;
}

/**
 * Parses a tile path (`tile/…`, without the log's prefix). Throws MALFORMED_TILE_PATH for any
 * other spelling: leading zeros, missing or extra x, a bad group, width 0 or over 255, level over
 * 63, and indexes whose tile would start at or beyond 2^64 (no uint64 tree has them).
 */
export function parseTilePath(path: string): Tile {
  if (typeof path !== 'string') throw new TlogError('INVALID_ARGUMENT', 'tile path must be a string');
  const parts = path.split('/');
  if (parts[0] !== 'tile' || parts.length < 3) throw malformed(path, 'expected tile/<L>/<N>[.p/<W>]');
  const levelText = parts[1] as string;
  let level: TileLevel;
  if (levelText === 'entries') level = 'entries';
  else if (LEVEL.test(levelText) && Number(levelText) <= MAX_TILE_LEVEL) level = Number(levelText);
  else throw malformed(path, `the level must be 0–${MAX_TILE_LEVEL} without leading zeros, or "entries"`);

  let groups = parts.slice(2);
  let width = TILE_WIDTH;
  const last = groups[groups.length - 1] as string;
  if (groups.length >= 2 && (groups[groups.length - 2] as string).endsWith('.p')) {
    if (!WIDTH.test(last) || Number(last) >= TILE_WIDTH) {
      throw malformed(path, `a partial tile's width must be 1–${TILE_WIDTH - 1} without leading zeros`);
    }
    width = Number(last);
    groups = groups.slice(0, -1);
    groups[groups.length - 1] = (groups[groups.length - 1] as string).slice(0, -2);
  }
  if (groups.length > MAX_INDEX_GROUPS) throw malformed(path, 'the index is too large for any 64-bit tree');
  let index = 0n;
  groups.forEach((group, i) => {
    const isLast = i === groups.length - 1;
    if (!(isLast ? LAST_GROUP : GROUP).test(group)) {
      throw malformed(path, 'the index must be three-digit path elements, all but the last starting with x');
    }
    index = index * 1000n + BigInt(isLast ? group : group.slice(1));
  });
  if (groups.length > 1 && groups[0] === 'x000') throw malformed(path, 'the index has a leading zero element');
  if (tileStartLeaf({ level, index }) > MAX_UINT64) throw malformed(path, 'the tile starts beyond any 64-bit tree');
  return { level, index, width };
}

/**
 * The width of tile `index` at `level` in a tree of `size` leaves: TILE_WIDTH when it is full,
 * 1–255 for the right edge's partial tile, 0 when the tree has no such tile.
 */
export function tileWidthIn(size: Uint64Like, level: TileLevel, index: bigint): number {
  const hashes = toUint64(size, 'tree size') >> BigInt(TILE_HEIGHT * levelNumber(level));
  const full = hashes >> BigInt(TILE_HEIGHT);
  if (index < full) return TILE_WIDTH;
  if (index === full) return Number(hashes & BigInt(TILE_WIDTH - 1));
  return 0;
}

/**
 * Every tile of a tree (hash tiles by level, bottom up, then entry bundles), in index order:
 * what a mirror or a monitor reading the whole tree fetches.
 */
export function tilesOfTree(size: Uint64Like, options: { entries?: boolean } = {}): Tile[] {
  const s = toUint64(size, 'tree size');
  const tiles: Tile[] = [];
  const levels: TileLevel[] = [];
  for (let level = 0; level <= MAX_TILE_LEVEL && s >> BigInt(TILE_HEIGHT * level) > 0n; level++) levels.push(level);
  if (options.entries) levels.push('entries');
  for (const level of levels) {
    const hashes = s >> BigInt(TILE_HEIGHT * levelNumber(level));
    const full = hashes >> BigInt(TILE_HEIGHT);
    for (let index = 0n; index < full; index++) tiles.push({ level, index, width: TILE_WIDTH });
    const width = Number(hashes & BigInt(TILE_WIDTH - 1));
    if (width > 0) tiles.push({ level, index: full, width });
  }
  return tiles;
}
