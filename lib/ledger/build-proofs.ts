import 'server-only';
/** Inclusion and consistency proofs from stored subtree hashes: one indexed read each. */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import { readNodes } from './node-store';
import { mapLookup, rangeHashes } from './tree/assemble';
import { consistencyProofRanges, inclusionProofRanges, type LeafRange, nodesForRanges } from './tree/ranges';

async function hashesFor(ranges: LeafRange[], client: pg.ClientBase | pg.Pool): Promise<Uint8Array[]> {
  return rangeHashes(ranges, mapLookup(await readNodes(client, nodesForRanges(ranges))));
}

export function buildInclusionProof(leafIndex: bigint, treeSize: bigint, client: pg.ClientBase | pg.Pool = getPool()) {
  return hashesFor(inclusionProofRanges(leafIndex, treeSize), client);
}

/** From size `from` to size `to`; empty when they are equal (RFC 9162 §2.1.4). */
export function buildConsistencyProof(from: bigint, to: bigint, client: pg.ClientBase | pg.Pool = getPool()) {
  if (from === to) return Promise.resolve([]);
  return hashesFor(consistencyProofRanges(from, to), client);
}
