import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint';
import { hashLeaf } from './hash';
import { generateNoteKeys } from './note-keys';
import { rootFromLeafHashes } from './root-from-leaf-hashes';
import { signNote } from './sign-note';
import { codeOf } from './testing/code-of';
import { flipBit, listTree, refInclusionProof } from './testing/reference-tree';
import { formatTlogProof, parseTlogProof } from './tlog-proof';
import { verifyTlogProof } from './verify-tlog-proof';

const ORIGIN = 'verity.example/log';
const log = generateNoteKeys(ORIGIN, new Uint8Array(32).fill(31));
const encoder = new TextEncoder();
// Leaves shaped like deposit statements (JCS JSON), as the ledger will write them.
const leaves = Array.from({ length: 13 }, (_, i) =>
  encoder.encode(`{"digests":{"sha256":"${i.toString(16).padStart(64, '0')}"},"version":1}`),
);
const leafHashes = leaves.map(hashLeaf);
const tree = listTree(leafHashes);
const rootHash = rootFromLeafHashes(leafHashes);
const checkpoint = signNote(formatCheckpoint({ origin: ORIGIN, size: leaves.length, rootHash }), log.signerKey);

function proofFor(index: number, extra?: Uint8Array): string {
  return formatTlogProof({ index, proof: refInclusionProof(tree, BigInt(index)), checkpoint, extra });
}

describe('verifyTlogProof', () => {
  it('verifies every leaf of a signed tree', () => {
    leaves.forEach((leaf, index) => {
      const result = verifyTlogProof(proofFor(index), leaf, log.verifierKey, { origin: ORIGIN });
      expect(result.index).toBe(BigInt(index));
      expect(result.leafHash).toEqual(leafHashes[index]);
      expect(result.checkpoint.size).toBe(BigInt(leaves.length));
      expect(result.extra).toBeUndefined();
    });
  });

  it('returns the unauthenticated extra data untouched', () => {
    const extra = encoder.encode('receipt 42');
    expect(verifyTlogProof(proofFor(3, extra), leaves[3] as Uint8Array, log.verifierKey).extra).toEqual(extra);
  });

  it('rejects a different leaf, index, proof hash or checkpoint', () => {
    const text = proofFor(5);
    expect(codeOf(() => verifyTlogProof(text, leaves[6] as Uint8Array, log.verifierKey))).toBe('ROOT_MISMATCH');
    expect(codeOf(() => verifyTlogProof(text, encoder.encode('tampered'), log.verifierKey))).toBe('ROOT_MISMATCH');
    expect(
      codeOf(() => verifyTlogProof(text.replace('index 5', 'index 4'), leaves[5] as Uint8Array, log.verifierKey)),
    ).toBe('ROOT_MISMATCH');
    expect(
      codeOf(() => verifyTlogProof(text.replace('index 5', 'index 13'), leaves[5] as Uint8Array, log.verifierKey)),
    ).toBe('INDEX_OUT_OF_RANGE');
    const parsed = parseTlogProof(text);
    const flipped = formatTlogProof({ ...parsed, proof: parsed.proof.map((h, i) => (i === 1 ? flipBit(h, 77) : h)) });
    expect(codeOf(() => verifyTlogProof(flipped, leaves[5] as Uint8Array, log.verifierKey))).toBe('ROOT_MISMATCH');
    const short = formatTlogProof({ ...parsed, proof: parsed.proof.slice(1) });
    expect(codeOf(() => verifyTlogProof(short, leaves[5] as Uint8Array, log.verifierKey))).toBe('WRONG_PROOF_SIZE');
  });

  it('rejects a checkpoint that is not signed by the trusted log key', () => {
    const text = proofFor(2);
    const stranger = generateNoteKeys(ORIGIN, new Uint8Array(32).fill(32));
    expect(codeOf(() => verifyTlogProof(text, leaves[2] as Uint8Array, stranger.verifierKey))).toBe(
      'NO_VERIFIED_SIGNATURE',
    );
    // The operator re-signs a checkpoint with a different root using a key the verifier does not trust.
    const forgedRoot = rootFromLeafHashes([...leafHashes.slice(0, 12), hashLeaf(encoder.encode('x'))]);
    const forged = signNote(formatCheckpoint({ origin: ORIGIN, size: 13, rootHash: forgedRoot }), stranger.signerKey);
    const forgedText = formatTlogProof({ ...parseTlogProof(text), checkpoint: forged });
    expect(codeOf(() => verifyTlogProof(forgedText, leaves[2] as Uint8Array, log.verifierKey))).toBe(
      'NO_VERIFIED_SIGNATURE',
    );
    // Edit the size in the signed checkpoint: the signature no longer verifies.
    expect(
      codeOf(() => verifyTlogProof(text.replace('\n13\n', '\n14\n'), leaves[2] as Uint8Array, log.verifierKey)),
    ).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifyTlogProof(text, leaves[2] as Uint8Array, log.verifierKey, { origin: 'other' }))).toBe(
      'ORIGIN_MISMATCH',
    );
  });

  it('checks its inputs', () => {
    expect(codeOf(() => verifyTlogProof(proofFor(0), 'leaf' as unknown as Uint8Array, log.verifierKey))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => verifyTlogProof('garbage', leaves[0] as Uint8Array, log.verifierKey))).toBe('MALFORMED_PROOF');
    expect(codeOf(() => verifyTlogProof(proofFor(0), leaves[0] as Uint8Array, []))).toBe('INVALID_ARGUMENT');
  });
});
