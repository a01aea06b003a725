/**
 * The CPU steps of one sealBatch, timed one by one with the ledger's own pure functions on a
 * tree of the same size (random hashes): extending the tree (appendLeaves), the inclusion
 * proof of every new leaf from memory (the loop at the end of sealBatch, mirrored here step for
 * step), and signing the checkpoint. What sealBatch takes beyond their sum is the database
 * (about ten statements and a commit) and encoding its parameters.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { appendLeaves } from '../../lib/ledger/tree/append';
import { mapLookup, rangeHash } from '../../lib/ledger/tree/assemble';
import { inclusionProofRanges, nodeKeyString, perfectDecomposition } from '../../lib/ledger/tree/ranges';
import { formatCheckpoint, generateNoteKeys, parseSignerKey, signNote } from '../../lib/tlog';
import { round } from './stats';

export interface SealSteps {
  batch: number;
  treeSize: number;
  appendLeavesMs: number;
  proofsForNewLeavesMs: number;
  signCheckpointMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function measureSealSteps(batch: number, treeSize: number, reps: number): SealSteps {
  const size = BigInt(treeSize);
  const frontier = perfectDecomposition({ lo: 0n, hi: size }).map((k) => ({ ...k, hash: randomBytes(32) }));
  const signer = parseSignerKey(generateNoteKeys('verity.bench/steps').signerKey);
  const append: number[] = [];
  const proofs: number[] = [];
  const sign: number[] = [];
  for (let r = 0; r < reps; r++) {
    const leafHashes = Array.from({ length: batch }, () => new Uint8Array(randomBytes(32)));
    let t = performance.now();
    const appended = appendLeaves(size, frontier, leafHashes);
    append.push(performance.now() - t);

    t = performance.now();
    const newSize = size + BigInt(batch);
    const nodes = new Map<string, Uint8Array>();
    for (const n of [...frontier, ...appended.newNodes]) nodes.set(nodeKeyString(n), n.hash);
    const lookup = mapLookup(nodes);
    let hashes = 0;
    for (let i = 0; i < batch; i++) {
      hashes += inclusionProofRanges(size + BigInt(i), newSize).map((range) => rangeHash(range, lookup)).length;
    }
    proofs.push(performance.now() - t);
    if (hashes === 0) throw new Error('no proof hashes computed');

    t = performance.now();
    signNote(formatCheckpoint({ origin: signer.name, size: newSize, rootHash: appended.root }), [signer]);
    sign.push(performance.now() - t);
  }
  return {
    batch,
    treeSize,
    appendLeavesMs: round(median(append), 2),
    proofsForNewLeavesMs: round(median(proofs), 2),
    signCheckpointMs: round(median(sign), 2),
  };
}
