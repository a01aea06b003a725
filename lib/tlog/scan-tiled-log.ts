/**
 * Walks a whole tiled log through a `TileReader`: every entry bundle, in order, each checked
 * against its level-0 tile, every full tile against the tile above, and the right edge against
 * the checkpoint's root. What a monitor does to see every entry the log committed to.
 *
 * @see https://c2sp.org/tlog-tiles
 * @module
 */
import { TlogError } from './errors';
import { TILE_HEIGHT, TILE_WIDTH } from './tile-path';
import type { TileReader } from './tile-reader';
import { toUint64, type Uint64Like } from './uint64';

export interface ScanTiledLogOptions {
  /** The first leaf to deliver (its bundle is read whole; earlier entries are skipped). Default 0. */
  from?: Uint64Like;
  /** Bundles fetched at once. Default 8. */
  concurrency?: number;
  /** Called in leaf order with each bundle's verified entries from `firstLeaf` on. */
  onEntries?: (firstLeaf: bigint, entries: Uint8Array[]) => void | Promise<void>;
}

/** Reads and verifies every entry of the reader's tree from `from`; resolves to the number delivered. */
export async function scanTiledLog(reader: TileReader, options: ScanTiledLogOptions = {}): Promise<bigint> {
  const from = toUint64(options.from ?? 0, 'first leaf');
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TlogError('INVALID_ARGUMENT', 'concurrency must be a positive integer');
  }
  if (from > reader.size) throw new TlogError('INDEX_OUT_OF_RANGE', `leaf ${from} is past a tree of ${reader.size}`);
  await reader.verifyRoot();
  const height = BigInt(TILE_HEIGHT);
  const last = (reader.size + BigInt(TILE_WIDTH - 1)) >> height; // bundles in the tree
  let delivered = 0n;
  // A window of bundles in flight; each is handed on in order as soon as it and those before it are in.
  const window: Array<Promise<Uint8Array[]>> = [];
  let next = from >> height;
  const fill = () => {
    while (window.length < concurrency && next < last) {
      const bundle = reader.entries(next++);
      bundle.catch(() => {}); // awaited in turn below; a later one failing first must not go unhandled
      window.push(bundle);
    }
  };
  fill();
  for (let index = from >> height; index < last; index++) {
    const entries = await (window.shift() as Promise<Uint8Array[]>);
    fill();
    const start = index << height;
    const skip = from > start ? Number(from - start) : 0;
    const kept = skip > 0 ? entries.slice(skip) : entries;
    if (kept.length > 0) await options.onEntries?.(start + BigInt(skip), kept);
    delivered += BigInt(kept.length);
  }
  return delivered;
}
