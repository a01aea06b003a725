/**
 * The log as c2sp.org/tlog-tiles, on a log of this file's own (a database of its own, as the
 * audit's tests: other files seal into the shared log at the same time) grown by sealBatch
 * through every tile boundary: 0, 1, 255, 256, 257, 65,535, 65,536 and 65,537 leaves. At each
 * size, lib/tlog's TileReader recomputes the signed checkpoint's root from tiles fetched over
 * HTTP from the front server, reads every entry back against the stored leaves, and builds
 * proofs equal to the ledger's own; the Next.js route answers byte for byte the same; full tiles
 * fetched before the log grew are fetched again, unchanged. Then every malformed path (400) and
 * every tile the tree does not have yet (404), with their cache headers.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as tileRouteHandler } from '@/app/api/v1/log/tile/[...tilePath]/route';
import { getPool } from '@/lib/db/pool';
import { startFrontServer } from '@/lib/front/front-server';
import {
  bytesEqual,
  formatTilePath,
  generateNoteKeys,
  scanTiledLog,
  type Tile,
  TileReader,
  tilesOfTree,
  verifierKeyFromSignerKey,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '@/lib/tlog';
import { documented } from '@/test/api/openapi-check';
import { buildGoVerifier, GO_VERIFY_MISSING_MESSAGE } from '@/tools/go-verify/build';
import { verifyTilesWithGo } from '@/tools/go-verify/run';
import { type AuditDatabase, createAuditDatabase, createOrg, flipByte, tamper } from '../audit/audit.testing';
import { buildConsistencyProof, buildInclusionProof } from '../build-proofs';
import { latestCheckpoint } from '../latest-checkpoint';
import { syntheticDeposit } from '../ledger.testing';
import { MAX_BATCH, sealBatch } from '../seal-batch';
import { FULL_TILE_CACHE_CONTROL, PARTIAL_TILE_CACHE_CONTROL } from './tile-api';

const SIZES = [0, 1, 255, 256, 257, 65_535, 65_536, 65_537];
/** Where Go's x/mod reads the log's tiles too (acceptance: an independent reader). */
const GO_SIZES = new Set([1, 256, 257, 65_536, 65_537]);
const routeTile = documented('GET', '/log/tile/{tilePath}', tileRouteHandler);

let db: AuditDatabase;
let orgId: string;
let front: http.Server;
let base: string;
let verifierKey: string;
let size = 0;
let goBinary: string | null = null;
/** The checkpoint of the previous size checked, for Go's consistency proof from tiles. */
let previousNote: string | undefined;
/** Every full tile fetched so far, by path: they must never change. Partial ones too: a prefix never changes. */
const seen = new Map<string, Uint8Array>();

beforeAll(async () => {
  // If this process had already used the shared pool, sealBatch would write to the shared log.
  expect((globalThis as { verityPool?: unknown }).verityPool).toBeUndefined();
  db = await createAuditDatabase();
  process.env.DATABASE_URL = db.url;
  verifierKey = verifierKeyFromSignerKey(process.env.VERITY_LOG_SIGNER_KEY ?? '');
  orgId = await createOrg(db.pool);
  await sealBatch([]); // the empty log's checkpoint
  goBinary = await buildGoVerifier();
  if (!goBinary) {
    if (process.env.CI) throw new Error(`CI is set but go-verify could not be built. ${GO_VERIFY_MISSING_MESSAGE}`);
    console.warn(`Go's reading of the tiles is skipped. ${GO_VERIFY_MISSING_MESSAGE}`);
  }
  // Tile paths never reach the upstream (Next.js); nothing listens there.
  front = await startFrontServer({ port: 0, host: '127.0.0.1', upstream: { host: '127.0.0.1', port: 9 } });
  base = `http://127.0.0.1:${(front.address() as AddressInfo).port}/api/v1/log/`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => front?.close(resolve));
  await getPool().end();
  await db?.drop();
});

async function growTo(target: number): Promise<void> {
  while (size < target) {
    const n = Math.min(MAX_BATCH, target - size);
    await sealBatch(Array.from({ length: n }, () => syntheticDeposit(orgId)));
    size += n;
  }
}

async function fromFront(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, { headers: { 'accept-encoding': 'identity', ...headers } });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function fromRoute(path: string, headers: Record<string, string> = {}) {
  const response = await routeTile(new Request(`http://verity.test/api/v1/log/${path}`, { headers }));
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function fetchTile(path: string): Promise<Uint8Array> {
  const { response, bytes } = await fromFront(path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return bytes;
}

async function storedLeaves(): Promise<Uint8Array[]> {
  const { rows } = await db.pool.query<{ leaf: Buffer }>(
    'SELECT d.leaf FROM log_leaves l JOIN deposits d ON d.id = l.deposit_id ORDER BY l.leaf_index',
  );
  return rows.map((r) => new Uint8Array(r.leaf));
}

const pick = (n: number) => Math.floor(Math.random() * n);

/** The tiles that must not exist yet in a tree of `s` leaves: one past the edge of every level, and wider edges. */
function futureTiles(s: number): string[] {
  const paths: string[] = [];
  for (let level = 0; level <= 3; level++) {
    const hashes = Math.floor(s / 256 ** level);
    const edge = BigInt(Math.floor(hashes / 256));
    const width = hashes % 256;
    for (const l of level === 0 ? [0, 'entries' as const] : [level]) {
      paths.push(formatTilePath({ level: l, index: edge, width: 256 }));
      paths.push(formatTilePath({ level: l, index: edge + 1n, width: 256 }));
      paths.push(formatTilePath({ level: l, index: edge + 1n, width: 1 }));
      if (width < 255) paths.push(formatTilePath({ level: l, index: edge, width: width + 1 }));
    }
  }
  paths.push('tile/7/000.p/1', 'tile/8/000.p/1', 'tile/63/000.p/1', 'tile/0/x072/x057/x594/x037/x927/935');
  return paths;
}

describe('the log as tlog-tiles, through every tile boundary', () => {
  it('serves tiles that give the checkpoint’s root, the stored leaves and the ledger’s proofs; full tiles never change', {
    timeout: 600_000,
  }, async () => {
    for (const target of SIZES) {
      await growTo(target);
      const checkpoint = await latestCheckpoint();
      const { checkpoint: signed } = verifyCheckpoint(checkpoint.note, [verifierKey]);
      expect(signed.size).toBe(BigInt(target));

      // The root, from the right edge's tiles alone, then every entry against the stored leaves.
      const reader = new TileReader({ size: signed.size, rootHash: signed.rootHash, fetchTile });
      await reader.verifyRoot();
      const leaves = await storedLeaves();
      // Past 65,535 only the last bundles are read again: the earlier ones are compared byte for
      // byte with what was read before (below), and they were read at 65,535.
      const from = target > 65_535 ? target - 300 : 0;
      let checked = 0;
      await scanTiledLog(reader, {
        from,
        onEntries: (first, entries) => {
          entries.forEach((entry, i) => {
            expect(bytesEqual(entry, leaves[Number(first) + i] as Uint8Array), `leaf ${Number(first) + i}`).toBe(true);
          });
          checked += entries.length;
        },
      });
      expect(checked).toBe(target - from);

      // Proofs from tiles are the ledger's proofs, and verify.
      for (const index of target === 0 ? [] : [0, target - 1, pick(target), pick(target)]) {
        const proof = await reader.inclusionProof(index);
        expect(proof).toEqual(await buildInclusionProof(BigInt(index), signed.size));
        verifyInclusion(index, target, (await reader.nodeHash(0, index)) as Uint8Array, proof, signed.rootHash);
      }
      for (const old of target < 2 ? [] : [1, target - 1, 1 + pick(target - 1)]) {
        const proof = await reader.consistencyProof(old);
        expect(proof).toEqual(await buildConsistencyProof(BigInt(old), signed.size));
        verifyConsistency(old, target, proof, await reader.rangeHash(0n, BigInt(old)), signed.rootHash);
      }

      // Every tile of the tree: the front server and the Next.js route give the same bytes and
      // headers; full tiles are immutable, partial ones short-lived.
      const tiles = tilesOfTree(target, { entries: true });
      const sample = tiles.length > 40 ? tiles.filter((t) => t.width < 256 || Math.random() < 0.05) : tiles;
      for (const tile of sample) {
        const path = formatTilePath(tile);
        const [front, route] = await Promise.all([fromFront(path), fromRoute(path)]);
        expect(front.response.status, path).toBe(200);
        expect(route.response.status, path).toBe(200);
        expect(bytesEqual(front.bytes, route.bytes), path).toBe(true);
        for (const { response } of [front, route]) {
          expect(response.headers.get('content-type')).toBe('application/octet-stream');
          expect(response.headers.get('cache-control')).toBe(
            tile.width === 256 ? FULL_TILE_CACHE_CONTROL : PARTIAL_TILE_CACHE_CONTROL,
          );
        }
        expect(front.bytes.length).toBe(tile.level === 'entries' ? entriesLength(leaves, tile) : tile.width * 32);
      }
      // Every tile fetched at an earlier size is served unchanged (full ones, and the partial
      // widths of earlier checkpoints, which their readers still ask for).
      for (const tile of tiles) {
        const path = formatTilePath(tile);
        if (!seen.has(path)) seen.set(path, await fetchTile(path));
      }
      for (const [path, bytes] of seen) expect(bytesEqual(await fetchTile(path), bytes), `${path} changed`).toBe(true);

      // An independent reader: Go's golang.org/x/mod/sumdb/tlog tile code over the same HTTP tiles.
      if (goBinary && GO_SIZES.has(target)) {
        const result = await verifyTilesWithGo(goBinary, base, verifierKey, {
          allEntries: target !== 65_536,
          leaves: [0, target - 1, pick(target)],
          oldCheckpoint: previousNote && !previousNote.includes('\n0\n') ? previousNote : undefined,
        });
        expect(result.ok, `go-verify tiles at ${target}:\n${result.stdout}${result.stderr}`).toBe(true);
        expect(result.stdout).toContain(`ok  root of tree ${target} from tiles`);
        if (target !== 65_536) {
          expect(result.stdout).toContain(`ok  every entry bundle against its level-0 tile (${target} entries)`);
        }
      }
      previousNote = checkpoint.note;

      // Tiles the tree does not have yet: 404 on both, never cached.
      for (const path of futureTiles(target)) {
        for (const { response, bytes } of [await fromFront(path), await fromRoute(path)]) {
          expect(response.status, path).toBe(404);
          expect(response.headers.get('cache-control')).toBe('no-store');
          const body = JSON.parse(new TextDecoder().decode(bytes)) as { error: { code: string } };
          expect(body.error.code).toBe('NOT_FOUND');
        }
      }
    }
  });

  it('a changed stored hash or leaf is caught by both readers, TypeScript and Go', { timeout: 120_000 }, async () => {
    await growTo(257);
    const { checkpoint: signed } = verifyCheckpoint((await latestCheckpoint()).note, [verifierKey]);
    const reader = () => new TileReader({ size: signed.size, rootHash: signed.rootHash, fetchTile });
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'passed',
        (error: { code?: string }) => error.code ?? String(error),
      );
    // A level-0 hash in the full tile 0 (the one an operator would edit to swap a deposit).
    const node = async (level: number, index: number) =>
      (
        await db.pool.query<{ hash: Buffer }>('SELECT hash FROM log_nodes WHERE level = $1 AND node_index = $2', [
          level,
          index,
        ])
      ).rows[0]?.hash as Buffer;
    const original = await node(0, 17);
    await tamper(db.pool, 'UPDATE log_nodes SET hash = $1 WHERE level = 0 AND node_index = 17', [flipByte(original)]);
    try {
      expect(await code(reader().inclusionProof(17))).toBe('TILE_MISMATCH');
      if (goBinary) {
        const result = await verifyTilesWithGo(goBinary, base, verifierKey, { leaves: [17] });
        expect(result.exitCode, result.stdout).toBe(1);
        expect(result.stdout).toMatch(/FAIL inclusion of leaf 17 .*downloaded inconsistent tile/);
      }
    } finally {
      await tamper(db.pool, 'UPDATE log_nodes SET hash = $1 WHERE level = 0 AND node_index = 17', [original]);
    }
    // A leaf's bytes: its bundle no longer matches the level-0 tile.
    const { rows } = await db.pool.query<{ id: string; leaf: Buffer }>(
      'SELECT d.id, d.leaf FROM deposits d JOIN log_leaves l ON l.deposit_id = d.id WHERE l.leaf_index = 3',
    );
    const leaf = rows[0] as { id: string; leaf: Buffer };
    await tamper(db.pool, 'UPDATE deposits SET leaf = $1 WHERE id = $2', [flipByte(leaf.leaf, 5), leaf.id]);
    try {
      expect(await code(reader().entries(0n))).toBe('TILE_MISMATCH');
      if (goBinary) {
        const result = await verifyTilesWithGo(goBinary, base, verifierKey, { leaves: [3] });
        expect(result.exitCode, result.stdout).toBe(1);
        expect(result.stdout).toContain('FAIL inclusion of leaf 3');
      }
    } finally {
      await tamper(db.pool, 'UPDATE deposits SET leaf = $1 WHERE id = $2', [leaf.leaf, leaf.id]);
    }
    expect(await code(reader().entries(0n))).toBe('passed');
    // Another log's key is refused by Go before any tile is read.
    if (goBinary) {
      const other = verifierKeyFromSignerKey(generateNoteKeys('verity.test/ledger').signerKey);
      const result = await verifyTilesWithGo(goBinary, base, other);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('FAIL note signature');
    }
  });

  it('gzips entry bundles for clients that accept it, never hash tiles', async () => {
    await growTo(257);
    for (const path of ['tile/entries/000', 'tile/entries/001.p/1', 'tile/entries/000.p/7']) {
      const plain = await fromRoute(path);
      const zipped = await fromRoute(path, { 'accept-encoding': 'br, gzip;q=0.8' });
      expect(zipped.response.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.response.headers.get('vary')).toBe('Accept-Encoding');
      expect(plain.response.headers.get('content-encoding')).toBeNull();
      expect(bytesEqual(gunzipSync(zipped.bytes), plain.bytes)).toBe(true);
      const refused = await fromRoute(path, { 'accept-encoding': 'gzip;q=0, identity' });
      expect(refused.response.headers.get('content-encoding')).toBeNull();
      // Node's fetch asks for gzip and unzips: the front server's answer reads the same.
      const viaFetch = await fetch(base + path);
      expect(bytesEqual(new Uint8Array(await viaFetch.arrayBuffer()), plain.bytes)).toBe(true);
    }
    const hashTile = await fromRoute('tile/0/000', { 'accept-encoding': 'gzip' });
    expect(hashTile.response.headers.get('content-encoding')).toBeNull();
    expect(hashTile.bytes.length).toBe(8192);
  });
});

function entriesLength(leaves: Uint8Array[], tile: Tile): number {
  const first = Number(tile.index) * 256;
  return leaves.slice(first, first + tile.width).reduce((sum, leaf) => sum + 2 + leaf.length, 0);
}

describe('malformed tile paths', () => {
  const MALFORMED = [
    'tile/',
    'tile//000',
    'tile/00/000',
    'tile/01/000',
    'tile/64/000',
    'tile/99999999999999999999/000',
    'tile/-1/000',
    'tile/data/000',
    'tile/ENTRIES/000',
    'tile/0/0',
    'tile/0/00',
    'tile/0/0000',
    'tile/0/00a',
    'tile/0/-01',
    'tile/0/%30%30%30',
    'tile/0/000%2F',
    'tile/0/x000/001',
    'tile/0/x001',
    'tile/0/001/002',
    'tile/0/x001/x002',
    'tile/0/X001/000',
    'tile/0/000/',
    'tile/0/000.p',
    'tile/0/000.p/',
    'tile/0/000.p/0',
    'tile/0/000.p/256',
    'tile/0/000.p/300',
    'tile/0/000.p/01',
    'tile/0/000.p/-1',
    'tile/0/000.p/1/extra',
    'tile/0/000.p/5.p/3',
    'tile/entries/000.p/256',
    'tile/entries/000.p/0',
    'tile/entries/',
    'tile/0/x072/x057/x594/x037/x927/936',
    'tile/7/001',
    'tile/0/x999/x999/x999/x999/x999/x999/x999/999',
    `tile/0/${'x123/'.repeat(2000)}456`,
  ];

  it('answers 400 MALFORMED_TILE_PATH, the same from the front server and the route, never cached', async () => {
    for (const path of MALFORMED) {
      const [front, route] = await Promise.all([fromFront(path), fromRoute(path)]);
      for (const { response, bytes } of [front, route]) {
        expect(response.status, path).toBe(400);
        expect(response.headers.get('cache-control')).toBe('no-store');
        const body = JSON.parse(new TextDecoder().decode(bytes)) as { error: { code: string; message: string } };
        expect(body.error.code, path).toBe('MALFORMED_TILE_PATH');
        expect(body.error.message).toContain('c2sp.org/tlog-tiles');
      }
      expect(front.bytes).toEqual(route.bytes);
    }
  });
});
