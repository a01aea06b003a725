import { describe, expect, it } from 'vitest';
import { bytesEqual } from './encoding';
import { isTlogError } from './errors';
import { verifyConsistency, verifyInclusion } from './index';
import { scanTiledLog } from './scan-tiled-log';
import {
  flipBit,
  listTree,
  prng,
  randomBytes,
  refConsistencyProof,
  refInclusionProof,
  refLeafHash,
  refNodeHash,
  uniformTree,
} from './testing/reference-tree';
import { buildTestTiles, type TestTiles } from './testing/tile-server';
import { formatTilePath, tilesOfTree } from './tile-path';
import { type FetchTile, TileReader } from './tile-reader';

const seed = Number(process.env.TILES_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`tile-reader seed ${seed} (TILES_SEED to replay)`);
const random = prng(seed);
const int = (max: number) => Math.floor(random() * max);

// One tree of random leaves; every size below is a prefix of it (tiles built once, by reference hashing).
const ALL = buildTestTiles(Array.from({ length: 70_000 }, () => randomBytes(random, 1 + int(60))));

function makeTiles(size: number): TestTiles {
  return ALL.prefix(size);
}

function fetcherOf(
  tiles: TestTiles,
  change?: (path: string, data: Uint8Array) => Uint8Array,
): FetchTile & { paths: string[] } {
  const paths: string[] = [];
  const fetchTile = async (path: string) => {
    paths.push(path);
    const data = tiles.serve(path);
    if (!data) throw new Error(`404 ${path}`);
    return change ? change(path, data) : data;
  };
  return Object.assign(fetchTile, { paths });
}

function rootOf(tiles: TestTiles): Uint8Array {
  return tiles.mth(0n, BigInt(tiles.size));
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isTlogError(error) ? error.code : String(error);
  }
  return undefined;
}

it('builds its test trees right: the reference recursion over all leaves gives the same root', () => {
  const sizes = [1, 255, 256, 257, 4097 + int(1000)];
  for (const size of sizes) {
    const tiles = makeTiles(size);
    expect(rootOf(tiles)).toEqual(listTree(tiles.levels[0] as Uint8Array[]).mth(0n, BigInt(size)));
  }
});

const SIZES = [1, 2, 3, 255, 256, 257, 511, 512, 513, 1000, 65_535, 65_536, 65_537, 70_000];

describe('TileReader', () => {
  it('recomputes the root of every boundary size from the right edge’s tiles alone', async () => {
    for (const size of SIZES) {
      const tiles = makeTiles(size);
      const fetchTile = fetcherOf(tiles);
      const reader = new TileReader({ size, rootHash: rootOf(tiles), fetchTile });
      await reader.verifyRoot();
      // Only the partial tiles: one per level that has one.
      const edge = tilesOfTree(size).filter((t) => t.width < 256);
      expect(fetchTile.paths.sort()).toEqual(edge.map(formatTilePath).sort());
    }
  }, 60_000);

  it('builds inclusion and consistency proofs equal to RFC 9162’s, that verify', async () => {
    for (const size of SIZES) {
      const tiles = makeTiles(size);
      const root = rootOf(tiles);
      const tree = { size: BigInt(size), mth: tiles.mth };
      const reader = new TileReader({ size, rootHash: root, fetchTile: fetcherOf(tiles) });
      const indexes = [0, size - 1, int(size), int(size), Math.min(size - 1, 255), Math.min(size - 1, 256)];
      for (const index of indexes) {
        const proof = await reader.inclusionProof(index);
        expect(proof).toEqual(refInclusionProof(tree, BigInt(index)));
        verifyInclusion(index, size, tiles.levels[0]?.[index] as Uint8Array, proof, root);
      }
      for (const old of [1, size, 1 + int(size), 1 + int(size), Math.min(size, 256)]) {
        const proof = await reader.consistencyProof(old);
        expect(proof).toEqual(refConsistencyProof(tree, BigInt(old)));
        verifyConsistency(old, size, proof, tree.mth(0n, BigInt(old)), root);
      }
      expect(await codeOf(reader.inclusionProof(size))).toBe('INDEX_OUT_OF_RANGE');
      expect(await codeOf(reader.consistencyProof(0))).toBe('INVALID_TREE_SIZES');
      expect(await codeOf(reader.consistencyProof(size + 1))).toBe('INVALID_TREE_SIZES');
    }
  }, 60_000);

  it('reads every entry of the log, each checked against its tile', async () => {
    const tiles = makeTiles(70_000);
    const reader = new TileReader({ size: 70_000, rootHash: rootOf(tiles), fetchTile: fetcherOf(tiles) });
    const seen: Uint8Array[] = [];
    const count = await scanTiledLog(reader, {
      concurrency: 5,
      onEntries: (first, entries) => {
        expect(first).toBe(BigInt(seen.length));
        seen.push(...entries);
      },
    });
    expect(count).toBe(70_000n);
    expect(seen.every((e, i) => bytesEqual(e, tiles.leaves[i] as Uint8Array))).toBe(true);
    const tail: Uint8Array[] = [];
    expect(await scanTiledLog(reader, { from: 69_990, onEntries: (_, e) => void tail.push(...e) })).toBe(10n);
    expect(tail).toEqual(tiles.leaves.slice(69_990));
  }, 60_000);

  it('refuses a tile, bundle or root that does not fit the checkpoint', async () => {
    const size = 65_537 + int(1000);
    const tiles = makeTiles(size);
    const root = rootOf(tiles);
    const flip = (target: string) => (path: string, data: Uint8Array) =>
      path === target ? flipBit(data, int(data.length * 8)) : data;
    // In an entry bundle, a bit of the first entry's bytes (a flipped length prefix makes the
    // bundle malformed instead: seen once in CI as MALFORMED_TILE).
    const flipEntry = (target: string) => (path: string, data: Uint8Array) =>
      path === target ? flipBit(data, 16 + int((((data[0] ?? 0) << 8) | (data[1] ?? 0)) * 8)) : data;
    const readerWith = (change?: (path: string, data: Uint8Array) => Uint8Array, rootHash = root) =>
      new TileReader({ size, rootHash, fetchTile: fetcherOf(tiles, change) });
    const leaf = int(65_536);
    const level0 = formatTilePath({ level: 0, index: BigInt(leaf >> 8), width: 256 });
    const level1 = formatTilePath({ level: 1, index: 0n, width: 256 });
    const edge0 = formatTilePath({ level: 0, index: BigInt(size >> 8), width: size % 256 || 256 });
    const edge2 = formatTilePath({ level: 2, index: 0n, width: 1 });
    const bundle = formatTilePath({ level: 'entries', index: BigInt(leaf >> 8), width: 256 });

    expect(await codeOf(readerWith(undefined, flipBit(root, 3)).verifyRoot())).toBe('TILE_MISMATCH');
    expect(await codeOf(readerWith(flip(edge0)).verifyRoot())).toBe('TILE_MISMATCH');
    expect(await codeOf(readerWith(flip(edge2)).verifyRoot())).toBe('TILE_MISMATCH');
    expect(await codeOf(readerWith(flip(level0)).inclusionProof(leaf))).toBe('TILE_MISMATCH');
    expect(await codeOf(readerWith(flip(level1)).inclusionProof(leaf))).toBe('TILE_MISMATCH');
    expect(await codeOf(readerWith(flip(level1)).nodeHash(8, 3))).toBe('TILE_MISMATCH');
    expect(await codeOf(readerWith(flipEntry(bundle)).entries(BigInt(leaf >> 8)))).toBe('TILE_MISMATCH');
    const short = (target: string) => (path: string, data: Uint8Array) => (path === target ? data.subarray(1) : data);
    expect(await codeOf(readerWith(short(level0)).inclusionProof(leaf))).toBe('MALFORMED_TILE');
    expect(await codeOf(readerWith(short(bundle)).entries(BigInt(leaf >> 8)))).toBe('MALFORMED_TILE');
    // A tile of another position that is itself genuine does not pass either.
    const swap = (path: string, data: Uint8Array) =>
      path === level0
        ? (tiles.serve(formatTilePath({ level: 0, index: BigInt((leaf >> 8) ^ 1), width: 256 })) as Uint8Array)
        : data;
    expect(await codeOf(readerWith(swap).inclusionProof(leaf))).toBe('TILE_MISMATCH');
    // A failed read is not remembered: the same reader succeeds once the tile is right.
    let bad = true;
    const reader = readerWith((path, data) => (bad && path === level1 ? flipBit(data, 0) : data));
    expect(await codeOf(reader.nodeHash(8, 1))).toBe('TILE_MISMATCH');
    bad = false;
    expect(await reader.nodeHash(8, 1)).toEqual(tiles.levels[8]?.[1]);
    // Nothing outside the tree.
    expect(await codeOf(reader.hashTile(0, BigInt(size >> 8) + 1n))).toBe('INDEX_OUT_OF_RANGE');
    expect(await codeOf(reader.entries(BigInt(size >> 8) + 1n))).toBe('INDEX_OUT_OF_RANGE');
    expect(await codeOf(reader.nodeHash(0, size))).toBe('INDEX_OUT_OF_RANGE');
    expect(await codeOf(reader.nodeHash(8, size >> 8))).toBe('INDEX_OUT_OF_RANGE');
  }, 60_000);

  it('checks the empty tree against the empty root, with no tiles', async () => {
    const empty = buildTestTiles([]);
    const fetchTile = fetcherOf(empty);
    await new TileReader({ size: 0, rootHash: rootOf(empty), fetchTile }).verifyRoot();
    expect(fetchTile.paths).toEqual([]);
    expect(await codeOf(new TileReader({ size: 0, rootHash: new Uint8Array(32), fetchTile }).verifyRoot())).toBe(
      'TILE_MISMATCH',
    );
  });

  it('reads trees far beyond memory: 2^60 + k and 2^64 − 1 leaves of one leaf hash', async () => {
    const leafHash = refLeafHash(Uint8Array.of(1, 2, 3));
    const bySize = new Map<bigint, Uint8Array>([[1n, leafHash]]);
    const perfect = (level: number): Uint8Array => {
      const n = 1n << BigInt(level);
      let h = bySize.get(n);
      if (!h) {
        const half = perfect(level - 1);
        h = refNodeHash(half, half);
        bySize.set(n, h);
      }
      return h;
    };
    for (const size of [(1n << 60n) + 12_345n, (1n << 64n) - 1n]) {
      const tree = uniformTree(size, leafHash);
      // Every hash of a level-L tile is the perfect subtree of 256^L leaves.
      const fetchTile: FetchTile = async (_path, tile) => {
        const hash = perfect(8 * (tile.level as number));
        const out = new Uint8Array(tile.width * 32);
        for (let i = 0; i < tile.width; i++) out.set(hash, i * 32);
        return out;
      };
      const root = tree.mth(0n, size);
      const reader = new TileReader({ size, rootHash: root, fetchTile });
      await reader.verifyRoot();
      for (const index of [0n, size - 1n, size / 3n]) {
        const proof = await reader.inclusionProof(index);
        expect(proof).toEqual(refInclusionProof(tree, index));
      }
      expect(await reader.consistencyProof(size - 1000n)).toEqual(refConsistencyProof(tree, size - 1000n));
      expect(await codeOf(new TileReader({ size, rootHash: flipBit(root, 0), fetchTile }).verifyRoot())).toBe(
        'TILE_MISMATCH',
      );
    }
  });
});
