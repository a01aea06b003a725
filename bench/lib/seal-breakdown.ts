/**
 * The CPU steps of one sealBatch, timed one by one with the ledger's own pure functions on a
 * tree of the same size (random hashes): extending the tree (appendLeaves), the inclusion
 * proof of every new leaf from memory (appendedLeafProofs, as sealBatch calls it), and signing
 * the checkpoint (node:crypto, as logSigner does). What sealBatch takes beyond their sum is
 * the database (four round trips) and encoding its parameters.
 */
import { sign as edSign, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { formatCheckpoint, generateNoteKeys, parseSignerKey } from '@/lib/tlog';
import { ed25519KeyObject } from '../../lib/ledger/log-signer';
import { appendLeaves } from '../../lib/ledger/tree/append';
import { appendedLeafProofs } from '../../lib/ledger/tree/batch-proofs';
import { perfectDecomposition } from '../../lib/ledger/tree/ranges';
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
  const key = ed25519KeyObject(signer.seed);
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
    const hashes = appendedLeafProofs(size, frontier, appended.newNodes).reduce((n, p) => n + p.length, 0);
    proofs.push(performance.now() - t);
    if (hashes === 0) throw new Error('no proof hashes computed');

    t = performance.now();
    edSign(null, Buffer.from(formatCheckpoint({ origin: signer.name, size: newSize, rootHash: appended.root })), key);
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
