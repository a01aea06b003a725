import { describe, expect, it } from 'vitest';
import { isTlogError } from './errors';
import { formatTileIndex, formatTilePath, parseTilePath, type Tile, tilesOfTree, tileWidthIn } from './tile-path';

const MAX_LEVEL0_INDEX = (1n << 56n) - 1n; // its tile starts at 2^64 - 256

function malformed(path: string): boolean {
  try {
    parseTilePath(path);
    return false;
  } catch (error) {
    return isTlogError(error, 'MALFORMED_TILE_PATH');
  }
}

describe('tile paths (c2sp.org/tlog-tiles)', () => {
  it('encodes N in three-digit elements, all but the last starting with x (the spec’s example)', () => {
    expect(formatTileIndex(1234067n)).toBe('x001/x234/067');
    expect(formatTileIndex(0n)).toBe('000');
    expect(formatTileIndex(999n)).toBe('999');
    expect(formatTileIndex(1000n)).toBe('x001/000');
    expect(formatTileIndex(1000000n)).toBe('x001/x000/000');
    expect(formatTilePath({ level: 0, index: 1234067n, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(formatTilePath({ level: 3, index: 5n, width: 17 })).toBe('tile/3/005.p/17');
    expect(formatTilePath({ level: 'entries', index: 1000n, width: 1 })).toBe('tile/entries/x001/000.p/1');
  });

  it('parses what it formats, for levels, widths and indexes across the whole range', () => {
    const tiles: Tile[] = [
      { level: 0, index: 0n, width: 256 },
      { level: 0, index: 0n, width: 1 },
      { level: 0, index: 0n, width: 255 },
      { level: 1, index: 999n, width: 256 },
      { level: 2, index: 1000n, width: 100 },
      { level: 'entries', index: 1234067n, width: 256 },
      { level: 'entries', index: 12n, width: 9 },
      { level: 0, index: MAX_LEVEL0_INDEX, width: 256 },
      { level: 6, index: 255n, width: 256 }, // starts at 255·2^56
      { level: 7, index: 0n, width: 3 },
      { level: 63, index: 0n, width: 1 },
    ];
    for (let i = 0; i < 200; i++) {
      tiles.push({ level: i % 4, index: BigInt(Math.floor(Math.random() * 1e9)), width: 1 + (i % 256) });
    }
    for (const tile of tiles) expect(parseTilePath(formatTilePath(tile))).toEqual(tile);
    expect(formatTilePath({ level: 0, index: MAX_LEVEL0_INDEX, width: 256 })).toBe(
      'tile/0/x072/x057/x594/x037/x927/935',
    );
  });

  it('refuses every other spelling', () => {
    const bad = [
      '',
      'tile',
      'tile/0',
      'tile/0/',
      'tiles/0/000',
      '/tile/0/000',
      'tile//000',
      'tile/00/000', // leading zero in the level
      'tile/01/000',
      'tile/64/000', // level over 63
      'tile/100/000',
      'tile/-1/000',
      'tile/+1/000',
      'tile/1.0/000',
      'tile/data/000', // Go's sumdb name, not C2SP's
      'tile/Entries/000',
      'tile/0/0',
      'tile/0/00',
      'tile/0/0000',
      'tile/0/1',
      'tile/0/-01',
      'tile/0/00a',
      'tile/0/ 01',
      'tile/0/x000/001', // leading zero element
      'tile/0/x000/000',
      'tile/0/x001', // last element with x
      'tile/0/001/002', // missing x
      'tile/0/x001/x002',
      'tile/0/X001/000',
      'tile/0/x01/000',
      'tile/0/x0001/000',
      'tile/0/x00a/000',
      'tile/0/000/', // trailing slash
      'tile/0/000.p',
      'tile/0/000.p/',
      'tile/0/000.p/0', // width 0
      'tile/0/000.p/256', // width 256 is a full tile
      'tile/0/000.p/1000',
      'tile/0/000.p/010', // leading zero in the width
      'tile/0/000.p/-1',
      'tile/0/000.p/1/',
      'tile/0/000.p/1.p/2',
      'tile/0/000.P/1',
      'tile/0/000p/1',
      'tile/0/x001.p/5',
      'tile/0/000.p/5.p/3',
      'tile/entries/000.p/256',
      'tile/entries/0',
      'tile/entries',
      'tile/0/x072/x057/x594/x037/x927/936', // level-0 tile starting at 2^64
      'tile/1/x000/000',
      'tile/7/001', // 256^8 = 2^64
      'tile/8/001',
      'tile/63/001',
      'tile/0/x999/x999/x999/x999/x999/x999/x999/999', // eight elements
      `tile/0/${'x123/'.repeat(5000)}000`,
    ];
    for (const path of bad) expect(malformed(path), path).toBe(true);
  });

  it('gives a tree of 70,000 the spec’s tiles, and a tree of 256 a full tile and a level-1 tile of width 1', () => {
    const summary = (size: number) => {
      const counts = new Map<string, number>();
      for (const t of tilesOfTree(size)) {
        const k = `${t.level}:${t.width === 256 ? 'full' : `p${t.width}`}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      return Object.fromEntries(counts);
    };
    expect(summary(70_000)).toEqual({ '0:full': 273, '0:p112': 1, '1:full': 1, '1:p17': 1, '2:p1': 1 });
    expect(summary(256)).toEqual({ '0:full': 1, '1:p1': 1 });
    expect(summary(0)).toEqual({});
    expect(summary(1)).toEqual({ '0:p1': 1 });
    expect(summary(65_536)).toEqual({ '0:full': 256, '1:full': 1, '2:p1': 1 });
    expect(tilesOfTree(257, { entries: true }).filter((t) => t.level === 'entries')).toEqual([
      { level: 'entries', index: 0n, width: 256 },
      { level: 'entries', index: 1n, width: 1 },
    ]);
  });

  it('knows each tile’s width in a tree: full, the edge’s partial width, or none', () => {
    expect(tileWidthIn(0, 0, 0n)).toBe(0);
    expect(tileWidthIn(1, 0, 0n)).toBe(1);
    expect(tileWidthIn(255, 0, 0n)).toBe(255);
    expect(tileWidthIn(256, 0, 0n)).toBe(256);
    expect(tileWidthIn(256, 0, 1n)).toBe(0);
    expect(tileWidthIn(256, 1, 0n)).toBe(1);
    expect(tileWidthIn(257, 0, 1n)).toBe(1);
    expect(tileWidthIn(65_535, 1, 0n)).toBe(255);
    expect(tileWidthIn(65_536, 1, 0n)).toBe(256);
    expect(tileWidthIn(65_536, 2, 0n)).toBe(1);
    expect(tileWidthIn(65_537, 'entries', 256n)).toBe(1);
    expect(tileWidthIn((1n << 64n) - 1n, 7, 0n)).toBe(255);
    expect(tileWidthIn((1n << 64n) - 1n, 8, 0n)).toBe(0);
  });
});
