/**
 * Receipts and consistency proofs made with our lib/tlog (keys, checkpoints, signed notes) and
 * the independent RFC 9162 reference tree (proofs) must verify with Go's golang.org/x/mod
 * sumdb/note + sumdb/tlog, and every kind of tampering must make Go reject them.
 *
 * Needs `go` and Debian's golang-golang-x-mod-dev: skipped without them, except under CI where
 * their absence fails the run.
 */
import { describe, expect, it } from 'vitest';
import {
  bytesToBase64,
  formatCheckpoint,
  generateNoteKeys,
  hashLeaf,
  signNote,
  verifyConsistency,
  verifyInclusion,
} from '@/lib/tlog';
import {
  flipBit,
  listTree,
  prng,
  randomBytes,
  refConsistencyProof,
  refInclusionProof,
  refLeafHash,
} from '@/lib/tlog/testing/reference-tree';
import { buildGoVerifier, GO_VERIFY_MISSING_MESSAGE } from './build';
import {
  type GoVerifyConsistencyProof,
  type GoVerifyReceipt,
  type GoVerifyResult,
  runGoVerify,
  verifyConsistencyWithGo,
  verifyReceiptWithGo,
} from './run';

const binary = await buildGoVerifier();
if (!binary) console.warn(GO_VERIFY_MISSING_MESSAGE);

const ORIGIN = 'verity.test/log';
const SIZES = [1, 2, 3, 7, 8, 100] as const;
// Random leaves each run; set GO_VERIFY_SEED to the printed seed to reproduce a failure.
const SEED = Number(process.env.GO_VERIFY_SEED ?? Math.floor(Math.random() * 2 ** 32));
console.info(`go-verify test leaves from prng seed ${SEED} (GO_VERIFY_SEED)`);

const log = generateNoteKeys(ORIGIN);
const otherKey = generateNoteKeys(ORIGIN); // same name, different key: a different key hash
const witness = generateNoteKeys('verity.test/witness');

// One log of 100 random leaves; the tree of size n is its first n leaves, so trees of the
// sizes above are successive states of the same log and consistency proofs hold between them.
const random = prng(SEED);
const leaves = Array.from({ length: 100 }, () => randomBytes(random, 1 + Math.floor(random() * 200)));
const leafHashes = leaves.map((leaf) => refLeafHash(leaf)); // node:crypto, not lib/tlog
const treeOf = (size: number) => listTree(leafHashes.slice(0, size));
const rootOf = (size: number) => treeOf(size).mth(0n, BigInt(size));
const b64List = (hashes: readonly Uint8Array[]) => hashes.map(bytesToBase64);

function checkpoint(size: number, rootHash = rootOf(size), signer: string = log.signerKey, origin = ORIGIN): string {
  return signNote(formatCheckpoint({ origin, size, rootHash }), [signer]);
}

function receipt(index: number, size: number): GoVerifyReceipt {
  const proof = refInclusionProof(treeOf(size), BigInt(index));
  // Sanity: our own library accepts what the reference tree built, so a Go failure is Go's word.
  verifyInclusion(index, size, hashLeaf(leaves[index] as Uint8Array), proof, rootOf(size));
  return {
    id: `deposit-${index}`,
    leafIndex: index,
    leaf: bytesToBase64(leaves[index] as Uint8Array),
    checkpoint: checkpoint(size),
    inclusionProof: b64List(proof),
  };
}

function consistency(from: number, to: number): GoVerifyConsistencyProof {
  const proof = refConsistencyProof(treeOf(to), BigInt(from));
  verifyConsistency(from, to, proof, rootOf(from), rootOf(to));
  return { from, to, proof: b64List(proof) };
}

/** The base64 of a 32-byte hash with one bit flipped. */
function flipHash(hash: string, bit = 0): string {
  return bytesToBase64(flipBit(Buffer.from(hash, 'base64'), bit));
}

/** Replace one line of a signed note after signing (the signature no longer matches). */
function editNoteLine(note: string, line: number, edit: (text: string) => string): string {
  const lines = note.split('\n');
  lines[line] = edit(lines[line] ?? '');
  return lines.join('\n');
}

describe('go-verify (golang.org/x/mod sumdb/note + sumdb/tlog)', () => {
  it('has Go and golang.org/x/mod installed', (context) => {
    if (binary) return;
    if (process.env.CI) expect.fail(GO_VERIFY_MISSING_MESSAGE);
    context.skip(GO_VERIFY_MISSING_MESSAGE);
  });

  describe.runIf(binary)('with the Go binary', () => {
    const go = binary as string;
    const expectOk = async (result: Promise<GoVerifyResult>) => {
      const { ok, exitCode, stdout, stderr } = await result;
      expect({ ok, exitCode, stdout, stderr }).toMatchObject({ ok: true, exitCode: 0, stderr: '' });
      return stdout;
    };
    const expectFail = async (result: Promise<GoVerifyResult>, reason: RegExp, exitCode = 1) => {
      const { exitCode: code, stdout, stderr } = await result;
      expect({ code, output: stdout + stderr }).toMatchObject({
        code: exitCode,
        output: expect.stringMatching(reason),
      });
    };

    describe('inclusion: every leaf of trees of 1, 2, 3, 7, 8 and 100 leaves verifies', () => {
      it.each(SIZES)('tree of %i', async (size) => {
        const results = await Promise.all(
          Array.from({ length: size }, (_, index) => verifyReceiptWithGo(go, receipt(index, size), log.verifierKey)),
        );
        results.forEach((result, index) => {
          expect(result, `leaf ${index}`).toMatchObject({ ok: true, exitCode: 0, stderr: '' });
          expect(result.stdout).toContain(`ok  inclusion of leaf ${index} in tree of ${size}`);
        });
      });

      it('prints one line per check, naming the key', async () => {
        const stdout = await expectOk(verifyReceiptWithGo(go, receipt(41, 100), log.verifierKey, ORIGIN));
        const [name, keyId] = log.verifierKey.split('+');
        expect(stdout.trimEnd().split('\n')).toEqual([
          `ok  note signature (${name}+${keyId})`,
          `ok  checkpoint ${ORIGIN}, size 100, root ${bytesToBase64(rootOf(100))}`,
          `ok  inclusion of leaf 41 in tree of 100 (leaf hash ${bytesToBase64(leafHashes[41] as Uint8Array)})`,
        ]);
      });

      it('ignores cosignatures by keys it was not given (witnesses)', async () => {
        const body = formatCheckpoint({ origin: ORIGIN, size: 7, rootHash: rootOf(7) });
        const cosigned = { ...receipt(3, 7), checkpoint: signNote(body, [log.signerKey, witness.signerKey]) };
        await expectOk(verifyReceiptWithGo(go, cosigned, log.verifierKey, ORIGIN));
      });

      it('takes the receipt as JSON text verbatim', async () => {
        await expectOk(verifyReceiptWithGo(go, JSON.stringify(receipt(5, 8), null, 2), log.verifierKey));
      });
    });

    describe('inclusion: tampering fails with exit 1', () => {
      const base = receipt(41, 100);
      const cases: [string, GoVerifyReceipt, RegExp, string?][] = [
        [
          'a flipped bit in the leaf',
          { ...base, leaf: bytesToBase64(flipBit(leaves[41] as Uint8Array, 13 % ((leaves[41]?.length ?? 1) * 8))) },
          /FAIL inclusion of leaf 41 in tree of 100: invalid transparency proof/,
        ],
        ...[0, 3, 6].map((i): [string, GoVerifyReceipt, RegExp] => [
          `a flipped bit in proof hash ${i}`,
          { ...base, inclusionProof: base.inclusionProof.map((h, j) => (j === i ? flipHash(h, 77) : h)) },
          /FAIL inclusion of leaf 41 in tree of 100: invalid transparency proof/,
        ]),
        [
          'a missing proof hash',
          { ...base, inclusionProof: base.inclusionProof.slice(0, -1) },
          /FAIL inclusion .*invalid transparency proof/,
        ],
        [
          'an extra proof hash',
          { ...base, inclusionProof: [...base.inclusionProof, bytesToBase64(rootOf(3))] },
          /FAIL inclusion .*invalid transparency proof/,
        ],
        ['a wrong leaf index (next)', { ...base, leafIndex: 42 }, /FAIL inclusion of leaf 42 in tree of 100: invalid/],
        [
          'a wrong leaf index (previous)',
          { ...base, leafIndex: 40 },
          /FAIL inclusion of leaf 40 in tree of 100: invalid/,
        ],
        ['a leaf index beyond the tree', { ...base, leafIndex: 100 }, /FAIL inclusion .*not below the tree size/],
        [
          'a flipped bit in the root after signing',
          { ...base, checkpoint: editNoteLine(base.checkpoint, 2, (root) => flipHash(root, 200)) },
          /FAIL note signature \(verity\.test\/log\+[0-9a-f]{8}\): invalid signature/,
        ],
        [
          'a wrong root signed by the log',
          { ...base, checkpoint: checkpoint(100, flipBit(rootOf(100), 200)) },
          /FAIL inclusion of leaf 41 in tree of 100: invalid transparency proof/,
        ],
        [
          'a tampered size after signing',
          { ...base, checkpoint: editNoteLine(base.checkpoint, 1, () => '101') },
          /FAIL note signature .*invalid signature/,
        ],
        // A size that moves the leaf's path. (Size 101 would not: leaf 41's path in trees of 65 to
        // 128 leaves is the same shape, so an RFC 6962 proof for it cannot tell those sizes apart.)
        [
          'a wrong size signed by the log',
          { ...base, checkpoint: checkpoint(64, rootOf(100)) },
          /FAIL inclusion of leaf 41 in tree of 64: invalid transparency proof/,
        ],
        [
          'a note signed by another key with the same name',
          { ...base, checkpoint: checkpoint(100, rootOf(100), otherKey.signerKey) },
          /FAIL note signature .*no verifiable signatures/,
        ],
        [
          'a note signed only by a witness',
          { ...base, checkpoint: checkpoint(100, rootOf(100), witness.signerKey) },
          /FAIL note signature .*no verifiable signatures/,
        ],
        [
          "a checkpoint whose origin is not the key's name",
          { ...base, checkpoint: checkpoint(100, rootOf(100), log.signerKey, 'verity.test/other-log') },
          /FAIL checkpoint body: origin "verity\.test\/other-log" is not the verifier key's name/,
        ],
        [
          'a leaf that is not base64',
          { ...base, leaf: 'not base64!' },
          /FAIL read receipt: leaf is not standard base64/,
        ],
        [
          'a missing inclusion proof',
          { ...base, inclusionProof: undefined as unknown as string[] },
          /FAIL read receipt: needs leafIndex, leaf, checkpoint and inclusionProof/,
        ],
      ];
      it.each(cases)('%s', async (_name, bad, reason) => {
        await expectFail(verifyReceiptWithGo(go, bad, log.verifierKey), reason);
      });

      it('a wrong origin (--origin pins another log)', async () => {
        await expectFail(
          verifyReceiptWithGo(go, base, log.verifierKey, 'verity.example/log'),
          /FAIL checkpoint body: origin "verity\.test\/log", expected "verity\.example\/log"/,
        );
      });

      it('a note signed by the log, checked against another key', async () => {
        await expectFail(verifyReceiptWithGo(go, base, otherKey.verifierKey), /FAIL note signature/);
      });

      it('a one-leaf tree with a proof hash that should not be there', async () => {
        const one = receipt(0, 1);
        await expectFail(
          verifyReceiptWithGo(go, { ...one, inclusionProof: [bytesToBase64(rootOf(1))] }, log.verifierKey),
          /FAIL inclusion of leaf 0 in tree of 1: invalid transparency proof/,
        );
      });
    });

    describe('consistency', () => {
      const pairs = SIZES.flatMap((from) => SIZES.filter((to) => from <= to).map((to) => [from, to] as const));

      it.each(pairs)('tree of %i is a prefix of tree of %i', async (from, to) => {
        const stdout = await expectOk(
          verifyConsistencyWithGo(go, checkpoint(from), checkpoint(to), consistency(from, to), log.verifierKey, ORIGIN),
        );
        expect(stdout).toContain(`ok  consistency of tree ${from} with tree ${to}`);
      });

      const proof = consistency(7, 100);
      const bad: [string, () => [string, string, GoVerifyConsistencyProof | string], RegExp][] = [
        ...proof.proof.map((_, i): (typeof bad)[number] => [
          `a flipped bit in proof hash ${i}`,
          () => [
            checkpoint(7),
            checkpoint(100),
            { ...proof, proof: proof.proof.map((h, j) => (j === i ? flipHash(h, 5) : h)) },
          ],
          /FAIL consistency of tree 7 with tree 100: invalid transparency proof/,
        ]),
        [
          'a missing proof hash',
          () => [checkpoint(7), checkpoint(100), { ...proof, proof: proof.proof.slice(1) }],
          /FAIL consistency .*invalid transparency proof/,
        ],
        [
          'an old checkpoint of a forked log (leaf 0 rewritten), signed by the log',
          () => {
            const forked = listTree([flipBit(leafHashes[0] as Uint8Array, 0), ...leafHashes.slice(1, 7)]);
            return [checkpoint(7, forked.mth(0n, 7n)), checkpoint(100), proof];
          },
          /FAIL consistency of tree 7 with tree 100: invalid transparency proof/,
        ],
        [
          'a wrong new root signed by the log',
          () => [checkpoint(7), checkpoint(100, flipBit(rootOf(100), 1)), proof],
          /FAIL consistency .*invalid transparency proof/,
        ],
        [
          'a proof for other sizes than the checkpoints',
          () => [checkpoint(8), checkpoint(100), proof],
          /FAIL consistency of tree 8 with tree 100: proof is from 7 to 100, checkpoints are sizes 8 and 100/,
        ],
        [
          'a proof of 8 -> 100 presented as 7 -> 100',
          () => [checkpoint(7), checkpoint(100), { ...consistency(8, 100), from: 7 }],
          /FAIL consistency .*invalid transparency proof/,
        ],
        [
          'old and new swapped',
          () => [checkpoint(100), checkpoint(7), { ...proof, from: 100, to: 7 }],
          /FAIL consistency of tree 100 with tree 7: needs 0 < old size <= new size/,
        ],
        [
          'a size tampered after signing',
          () => [editNoteLine(checkpoint(7), 1, () => '8'), checkpoint(100), { ...proof, from: 8 }],
          /FAIL old note signature .*invalid signature/,
        ],
        [
          'a new checkpoint signed by another key',
          () => [checkpoint(7), checkpoint(100, rootOf(100), otherKey.signerKey), proof],
          /FAIL new note signature .*no verifiable signatures/,
        ],
        [
          'a non-integer size in the proof JSON',
          () => [checkpoint(7), checkpoint(100), '{"from": 7.0, "to": 100, "proof": []}'],
          /FAIL read consistency proof: from: "7.0" is not a canonical/,
        ],
      ];
      it.each(bad)('fails with exit 1 for %s', async (_name, make, reason) => {
        const [oldNote, newNote, badProof] = make();
        await expectFail(verifyConsistencyWithGo(go, oldNote, newNote, badProof, log.verifierKey), reason);
      });

      it('fails for a wrong origin', async () => {
        await expectFail(
          verifyConsistencyWithGo(go, checkpoint(7), checkpoint(100), proof, log.verifierKey, 'verity.example/log'),
          /FAIL old checkpoint body: origin "verity\.test\/log", expected "verity\.example\/log"/,
        );
      });
    });

    describe('usage errors exit 2', () => {
      it.each([
        ['no arguments', [], /missing mode/],
        ['an unknown mode', ['audit', 'x.json', '--vkey', log.verifierKey], /unknown mode "audit"/],
        ['no --vkey', ['receipt', 'x.json'], /--vkey is required/],
        ['a malformed --vkey', ['receipt', 'x.json', '--vkey', 'verity.test/log+00000000+AQ=='], /--vkey:/],
        ['too many files', ['receipt', 'a.json', 'b.json', '--vkey', log.verifierKey], /takes 1 file/],
        ['an unknown flag', ['receipt', 'a.json', '--key', log.verifierKey], /unknown flag --key/],
      ] as const)('%s', async (_name, args, reason) => {
        await expectFail(runGoVerify(go, args), reason, 2);
      });
    });
  });
});
