/**
 * Reading a tiled log (c2sp.org/tlog-tiles) against a checkpoint one trusts: every hash and
 * entry it returns has been proven to belong to that checkpoint's tree, so a client needs only
 * the checkpoint and someone who serves tiles (the log, a mirror, a CDN) — not the log's API.
 *
 * How tiles are authenticated (as Go's x/mod `TileHashReader`): the right edge's partial tiles
 * together give the root, which must be the checkpoint's; a full tile's hashes must hash to the
 * entry for it in the tile one level up, which is authenticated the same way; an entry bundle's
 * entries must hash to its level-0 tile. The fetcher is untrusted: a wrong length, a wrong hash or
 * a bundle that does not match its tile is TILE_MISMATCH / MALFORMED_TILE, never a wrong answer.
 *
 * @see https://c2sp.org/tlog-tiles
 * @see https://research.swtch.com/tlog#authenticating_tiles
 * @module
 */
import { bytesEqual } from './encoding';
import { parseEntryBundle } from './entry-bundle';
import { TlogError } from './errors';
import { HASH_SIZE, type MerkleHasher, rfc6962Sha256 } from './hash';
import {
  formatTilePath,
  MAX_TILE_LEVEL,
  TILE_HEIGHT,
  TILE_WIDTH,
  type Tile,
  type TileLevel,
  tileWidthIn,
} from './tile-path';
import { bitLength, toUint64, type Uint64Like } from './uint64';

/** Fetches a tile's bytes by its path (`tile/0/x001/234.p/5`, relative to the log's prefix). */
export type FetchTile = (path: string, tile: Tile) => Promise<Uint8Array>;

export interface TileReaderOptions {
  /** The trusted checkpoint's tree size and root hash (check its signature first). */
  size: Uint64Like;
  rootHash: Uint8Array;
  fetchTile: FetchTile;
  hasher?: MerkleHasher;
}

function mismatch(message: string): TlogError {
  return new TlogError('TILE_MISMATCH', message);
}

/** The largest power of two below `n` (n > 1): where RFC 9162 splits a tree. */
function splitPoint(n: bigint): bigint {
  return 1n << BigInt(bitLength(n - 1n) - 1);
}

export class TileReader {
  readonly size: bigint;
  readonly rootHash: Uint8Array;
  private readonly fetchTile: FetchTile;
  private readonly hasher: MerkleHasher;
  /** Authenticated tiles (levels 1 and up and the right edge are kept; level 0 only while in flight). */
  private readonly tiles = new Map<string, Promise<Uint8Array>>();
  private edge: Promise<void> | undefined;

  constructor(options: TileReaderOptions) {
    this.size = toUint64(options.size, 'tree size');
    this.hasher = options.hasher ?? rfc6962Sha256;
    if (!(options.rootHash instanceof Uint8Array) || options.rootHash.length !== this.hasher.size) {
      throw new TlogError('INVALID_HASH_SIZE', `the root hash must be ${this.hasher.size} bytes`);
    }
    if (this.hasher.size !== HASH_SIZE) throw new TlogError('INVALID_ARGUMENT', 'tiles hold 32-byte hashes');
    this.rootHash = options.rootHash;
    this.fetchTile = options.fetchTile;
  }

  /** Fetches the right edge's tiles and checks that they give the checkpoint's root (once). */
  verifyRoot(): Promise<void> {
    this.edge ??= this.readEdge().catch((error: unknown) => {
      this.edge = undefined;
      throw error;
    });
    return this.edge;
  }

  /** The authenticated hashes of hash tile `index` at `level`, as wide as the tree makes it (shared: do not modify). */
  async hashTile(level: number, index: bigint): Promise<Uint8Array> {
    if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL || typeof index !== 'bigint' || index < 0n) {
      throw new TlogError('INVALID_ARGUMENT', `no tile ${String(level)}/${String(index)}`);
    }
    const width = tileWidthIn(this.size, level, index);
    if (width === 0) throw new TlogError('INDEX_OUT_OF_RANGE', `a tree of ${this.size} has no tile ${level}/${index}`);
    if (width < TILE_WIDTH)
      return this.verifyRoot().then(() => this.tiles.get(key(level, index)) as Promise<Uint8Array>);
    const k = key(level, index);
    let tile = this.tiles.get(k);
    if (!tile) {
      tile = this.readFullTile(level, index);
      this.tiles.set(k, tile);
      // Level 0 has a tile per 256 leaves: a reader walking the whole log must not keep them all.
      tile.then(
        () => level === 0 && this.tiles.delete(k),
        () => this.tiles.delete(k),
      );
    }
    return tile;
  }

  /** The hash of the complete subtree at tree level `level` (0 = leaves), node `index`. */
  async nodeHash(level: number, index: Uint64Like): Promise<Uint8Array> {
    const i = toUint64(index, 'node index');
    if (!Number.isInteger(level) || level < 0 || level > 63) {
      throw new TlogError('INVALID_ARGUMENT', `a tree level is 0–63, got ${String(level)}`);
    }
    if ((i + 1n) << BigInt(level) > this.size) {
      throw new TlogError(
        'INDEX_OUT_OF_RANGE',
        `node ${level}/${i} is not a complete subtree of a tree of ${this.size}`,
      );
    }
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const within = level % TILE_HEIGHT;
    const first = i << BigInt(within);
    const data = await this.hashTile(tileLevel, first >> BigInt(TILE_HEIGHT));
    return this.subtreeHash(data, Number(first & BigInt(TILE_WIDTH - 1)), 1 << within);
  }

  /** MTH(D[start:end]) for 0 ≤ start < end ≤ size (RFC 9162 §2.1.1). */
  async rangeHash(start: bigint, end: bigint): Promise<Uint8Array> {
    if (start < 0n || end <= start || end > this.size) {
      throw new TlogError('INDEX_OUT_OF_RANGE', `[${start}, ${end}) is not a range of a tree of ${this.size}`);
    }
    const n = end - start;
    if ((n & (n - 1n)) === 0n && start % n === 0n) return this.nodeHash(bitLength(n) - 1, start / n);
    const k = splitPoint(n);
    const [left, right] = await Promise.all([this.rangeHash(start, start + k), this.rangeHash(start + k, end)]);
    return this.hasher.hashChildren(left, right);
  }

  /** The checkpoint's root, recomputed from the tiles (throws TILE_MISMATCH if they disagree). */
  async root(): Promise<Uint8Array> {
    await this.verifyRoot();
    return this.rootHash;
  }

  /** RFC 9162 §2.1.3.1 PATH(index, D[0:size]), leaf's sibling first. */
  async inclusionProof(index: Uint64Like): Promise<Uint8Array[]> {
    const m = toUint64(index, 'leaf index');
    if (m >= this.size) throw new TlogError('INDEX_OUT_OF_RANGE', `leaf ${m} is not in a tree of ${this.size}`);
    const proof: Uint8Array[] = [];
    const path = async (lo: bigint, hi: bigint): Promise<void> => {
      if (hi - lo === 1n) return;
      const k = splitPoint(hi - lo);
      if (m < lo + k) {
        await path(lo, lo + k);
        proof.push(await this.rangeHash(lo + k, hi));
      } else {
        await path(lo + k, hi);
        proof.push(await this.rangeHash(lo, lo + k));
      }
    };
    await path(0n, this.size);
    return proof;
  }

  /** RFC 9162 §2.1.4.1 PROOF(oldSize, D[0:size]) for 0 < oldSize ≤ size. */
  async consistencyProof(oldSize: Uint64Like): Promise<Uint8Array[]> {
    const m0 = toUint64(oldSize, 'old tree size');
    if (m0 === 0n || m0 > this.size) {
      throw new TlogError('INVALID_TREE_SIZES', `no consistency proof from ${m0} to ${this.size}`);
    }
    const proof: Uint8Array[] = [];
    const subproof = async (m: bigint, lo: bigint, hi: bigint, complete: boolean): Promise<void> => {
      const n = hi - lo;
      if (m === n) {
        if (!complete) proof.push(await this.rangeHash(lo, hi));
        return;
      }
      const k = splitPoint(n);
      if (m <= k) {
        await subproof(m, lo, lo + k, complete);
        proof.push(await this.rangeHash(lo + k, hi));
      } else {
        await subproof(m - k, lo + k, hi, false);
        proof.push(await this.rangeHash(lo, lo + k));
      }
    };
    await subproof(m0, 0n, this.size, true);
    return proof;
  }

  /** The entries of bundle `index`, each checked against its leaf hash in the level-0 tile. */
  async entries(index: bigint): Promise<Uint8Array[]> {
    const width = tileWidthIn(this.size, 'entries', index);
    if (width === 0) throw new TlogError('INDEX_OUT_OF_RANGE', `a tree of ${this.size} has no entry bundle ${index}`);
    const tile: Tile = { level: 'entries', index, width };
    const [bundle, hashes] = await Promise.all([this.fetchTile(formatTilePath(tile), tile), this.hashTile(0, index)]);
    const entries = parseEntryBundle(bundle, width);
    entries.forEach((entry, i) => {
      const expected = hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
      if (!bytesEqual(this.hasher.hashLeaf(entry), expected)) {
        throw mismatch(`entry ${i} of bundle ${index} does not hash to leaf ${(index << 8n) + BigInt(i)} of the tree`);
      }
    });
    return entries;
  }

  private async fetchHashes(level: TileLevel, index: bigint, width: number): Promise<Uint8Array> {
    const tile: Tile = { level, index, width };
    const path = formatTilePath(tile);
    const data = await this.fetchTile(path, tile);
    if (!(data instanceof Uint8Array) || data.length !== width * HASH_SIZE) {
      throw new TlogError('MALFORMED_TILE', `${path} must be ${width * HASH_SIZE} bytes, got ${data?.length}`);
    }
    return data;
  }

  private async readFullTile(level: number, index: bigint): Promise<Uint8Array> {
    const [data, expected] = await Promise.all([
      this.fetchHashes(level, index, TILE_WIDTH),
      this.nodeHash(TILE_HEIGHT * (level + 1), index),
    ]);
    if (!bytesEqual(this.subtreeHash(data, 0, TILE_WIDTH), expected)) {
      throw mismatch(`tile ${level}/${index} does not hash to its entry in the tile above`);
    }
    return data;
  }

  private async readEdge(): Promise<void> {
    const s = this.size;
    if (s === 0n) {
      if (!bytesEqual(this.hasher.emptyRoot(), this.rootHash)) throw mismatch('the empty tree has another root');
      return;
    }
    // The partial tile of every level that has one: together they hold the whole right edge.
    const edge = new Map<number, Uint8Array>();
    const reads: Array<Promise<void>> = [];
    for (let level = 0; s >> BigInt(TILE_HEIGHT * level) > 0n; level++) {
      const hashes = s >> BigInt(TILE_HEIGHT * level);
      const width = Number(hashes & BigInt(TILE_WIDTH - 1));
      if (width === 0) continue;
      reads.push(this.fetchHashes(level, hashes >> BigInt(TILE_HEIGHT), width).then((d) => void edge.set(level, d)));
    }
    await Promise.all(reads);
    // The root folds the tree's perfect subtrees, largest (leftmost) first; the one at tree level
    // ℓ is node (s >> ℓ) − 1, the last 2^(ℓ mod 8) hashes of level ⌊ℓ/8⌋'s partial tile so far.
    const parts: Uint8Array[] = [];
    for (let level = bitLength(s) - 1; level >= 0; level--) {
      if (((s >> BigInt(level)) & 1n) === 0n) continue;
      const within = level % TILE_HEIGHT;
      const first = ((s >> BigInt(level)) - 1n) << BigInt(within);
      const data = edge.get(Math.floor(level / TILE_HEIGHT)) as Uint8Array;
      parts.push(this.subtreeHash(data, Number(first & BigInt(TILE_WIDTH - 1)), 1 << within));
    }
    let root = parts[parts.length - 1] as Uint8Array;
    for (let i = parts.length - 2; i >= 0; i--) root = this.hasher.hashChildren(parts[i] as Uint8Array, root);
    if (!bytesEqual(root, this.rootHash)) throw mismatch(`the tiles of a tree of ${s} do not give its root`);
    for (const [level, data] of edge) {
      this.tiles.set(key(level, (s >> BigInt(TILE_HEIGHT * level)) >> BigInt(TILE_HEIGHT)), Promise.resolve(data));
    }
  }

  /** MTH of `count` (a power of two) consecutive hashes of `data` from hash `offset`. */
  private subtreeHash(data: Uint8Array, offset: number, count: number): Uint8Array {
    let level: Uint8Array[] = [];
    for (let i = 0; i < count; i++) level.push(data.subarray((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE));
    while (level.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i < level.length; i += 2)
        next.push(this.hasher.hashChildren(level[i] as Uint8Array, level[i + 1] as Uint8Array));
      level = next;
    }
    return Uint8Array.from(level[0] as Uint8Array);
  }
}

function key(level: TileLevel, index: bigint): string {
  return `${level}/${index}`;
}
