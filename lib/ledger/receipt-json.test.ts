/**
 * receiptJsonWriter must write exactly the bytes of JSON.stringify(buildReceipt(input)) in
 * UTF-8, for every shape of statement and proof, across slabs and checkpoints, and refuse what
 * buildReceipt refuses.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  formatCheckpoint,
  generateNoteKeys,
  MAX_INCLUSION_PROOF_HASHES,
  parseTlogProof,
  signNote,
} from '@/lib/tlog';
import { buildReceipt, type ReceiptInput } from './receipt';
import { ZReceiptBatch, ZSealedReceipt } from './receipt.schema';
import { depositsJson, receiptJsonWriter } from './receipt-json';
import { buildLeavesFromParsed, type DepositRequest, signDepositRequest } from './statement';
import { ED25519_SEED, SAMPLE_DEPOSITOR, SM2_PRIVATE_KEY } from './statement/statement.testing';
import { appendLeaves } from './tree/append';
import { appendedLeafProofs } from './tree/batch-proofs';

const keys = generateNoteKeys('verity.example/log');

function checkpoint(size: bigint, rootHash: Uint8Array = randomBytes(32)): string {
  return signNote(formatCheckpoint({ origin: 'verity.example/log', size, rootHash }), keys.signerKey);
}

const hex = () => randomBytes(32).toString('hex');

/** Requests of every shape: one digest or both, a title, metadata, Ed25519 and SM2 signatures. */
function variedRequests(count: number): DepositRequest[] {
  return Array.from({ length: count }, (_, i): DepositRequest => {
    const base = {
      digests: i % 3 === 0 ? { sm3: hex() } : i % 3 === 1 ? { sha256: hex() } : { sha256: hex(), sm3: hex() },
      ...(i % 4 === 0 ? { title: `合同 "${i}" \\ é 📎 Contract` } : {}),
      ...(i % 5 === 0 ? { metadata: { n: i, note: 'line\nbreak «quoted»' } } : {}),
    };
    if (i % 7 === 0) return signDepositRequest(base, { algorithm: 'ed25519', privateKey: ED25519_SEED });
    if (i % 11 === 0) return signDepositRequest(base, { algorithm: 'sm2', privateKey: SM2_PRIVATE_KEY });
    return base as DepositRequest;
  });
}

/** The inputs of a sealed batch: `count` leaves appended to a tree of `before`, with their proofs. */
function sealedBatch(before: bigint, count: number, depositor = SAMPLE_DEPOSITOR): ReceiptInput[] {
  const built = buildLeavesFromParsed({ requests: variedRequests(count), depositor, depositedAt: new Date() });
  const old =
    before === 0n
      ? { frontier: [] }
      : appendLeaves(
          0n,
          [],
          Array.from({ length: Number(before) }, () => randomBytes(32)),
        );
  const appended = appendLeaves(
    before,
    old.frontier,
    built.map(() => randomBytes(32)),
  );
  const proofs = appendedLeafProofs(before, old.frontier, appended.newNodes);
  const size = before + BigInt(count);
  const note = checkpoint(size, appended.root);
  return built.map((b, i) => ({
    id: randomUUID(),
    leaf: b.leaf,
    leafIndex: before + BigInt(i),
    treeSize: size,
    checkpoint: note,
    inclusionProof: proofs[i] as Uint8Array[],
    statement: b.statement,
  }));
}

const expected = (input: ReceiptInput) => Buffer.from(JSON.stringify(buildReceipt(input)), 'utf8');

describe('receiptJsonWriter', () => {
  it('writes `witnessed` (null or who witnessed) after tlogProof when given, and switches between them within a batch', () => {
    const inputs = sealedBatch(10n, 6);
    const witnessedBy = { quorum: 2, of: 3, by: ['示范公证处', '示范司法鉴定中心'] };
    const variants: ReceiptInput['witnessed'][] = [null, null, witnessedBy, undefined, witnessedBy, null];
    const write = receiptJsonWriter();
    inputs.forEach((input, i) => {
      const withWitnessed = { ...input, witnessed: variants[i] };
      const bytes = write(withWitnessed);
      expect(bytes.equals(expected(withWitnessed))).toBe(true);
      const parsed = ZSealedReceipt.parse(JSON.parse(bytes.toString('utf8')));
      if (variants[i] === undefined) expect('witnessed' in parsed).toBe(false);
      else expect(parsed.witnessed).toEqual(variants[i]);
      expect(Object.keys(parsed).at(-1)).toBe(variants[i] === undefined ? 'tlogProof' : 'witnessed');
    });
  });

  it('writes the bytes of JSON.stringify(buildReceipt) for a batch of every statement shape, across slabs', () => {
    // 1500 receipts of ~2.5 KB fill several 1 MB slabs; every one is checked after all are written.
    const inputs = sealedBatch(12_345n, 1500);
    const write = receiptJsonWriter();
    const written = inputs.map((input) => write(input));
    for (const [i, input] of inputs.entries()) expect(written[i]?.equals(expected(input)), `receipt ${i}`).toBe(true);
    // And every one is a receipt as the one definition says (strict: no member more or less).
    for (const bytes of written) ZSealedReceipt.parse(JSON.parse(bytes.toString('utf8')));
    // Non-ASCII text (depositor, checkpoint's em dash) is UTF-8, and tlogProof parses back.
    const receipt = JSON.parse(written[0]?.toString('utf8') ?? '');
    expect(receipt.depositor.name).toBe(SAMPLE_DEPOSITOR.name);
    expect(receipt.checkpoint).toContain('\u2014 verity.example/log ');
    expect(parseTlogProof(receipt.tlogProof).proof).toEqual(receipt.inclusionProof.map(base64ToBytes));
    expect(inputs.some((input) => input.statement?.signature?.algorithm === 'sm2')).toBe(true);
    expect(inputs.some((input) => input.statement?.titleSha256)).toBe(true);
  });

  it('writes edge shapes the same: the first leaf (no proof), an ASCII depositor, a huge index, parsed leaves', () => {
    const write = receiptJsonWriter();
    const [first] = sealedBatch(0n, 1, { id: 'org-1', name: 'Plain Org' });
    const huge = {
      ...(sealedBatch(7n, 1)[0] as ReceiptInput),
      leafIndex: (1n << 64n) - 2n,
      treeSize: (1n << 64n) - 1n,
    };
    huge.checkpoint = checkpoint(huge.treeSize);
    const withoutStatement = { ...(sealedBatch(40n, 3)[2] as ReceiptInput), statement: undefined };
    for (const input of [first, huge, withoutStatement] as ReceiptInput[]) {
      expect(write(input).equals(expected(input))).toBe(true);
    }
    expect((first as ReceiptInput).inclusionProof).toEqual([]);
  });

  it('answers a single deposit from a small buffer, and a batch from few (slabs double up to 1 MB)', () => {
    // A first version took a 1 MB slab per writer: single deposits fell to a third in the benchmark.
    const [one] = sealedBatch(41n, 1) as [ReceiptInput];
    // The first 4 KiB slab is the writer's own on Node 20 and a slice of Buffer's shared pool on Node 24
    // (whose pool is 64 KiB): small either way, and far below the 1 MB this guards against.
    expect(receiptJsonWriter()(one).buffer.byteLength).toBeLessThanOrEqual(Math.max(16 * 1024, Buffer.poolSize));
    const write = receiptJsonWriter();
    const slabs = new Set(sealedBatch(1000n, 1000).map((input) => write(input).buffer));
    expect(slabs.size).toBeLessThan(15);
    expect(Math.max(...[...slabs].map((slab) => slab.byteLength))).toBe(1 << 20);
  });

  it('follows a change of checkpoint or depositor within one writer', () => {
    const write = receiptJsonWriter();
    const a = sealedBatch(10n, 5, { id: 'org-a', name: '甲公司' });
    const b = sealedBatch(20n, 5, { id: 'org-b', name: '乙公司' });
    const sameSizeOtherNote = a.map((input) => ({ ...input, checkpoint: checkpoint(input.treeSize) }));
    // The tree size is written as given, as buildReceipt does, even beside the same checkpoint.
    const sameNoteOtherSize = a.map((input) => ({ ...input, treeSize: input.treeSize + 1n }));
    for (const input of [...a, ...b, ...a, ...sameNoteOtherSize, ...sameSizeOtherNote]) {
      expect(write(input).equals(expected(input))).toBe(true);
    }
  });

  it('refuses what buildReceipt refuses: short hashes, too many hashes, a malformed checkpoint, a bad index', () => {
    const [input] = sealedBatch(100n, 1) as [ReceiptInput];
    const write = receiptJsonWriter();
    const short = { ...input, inclusionProof: [...input.inclusionProof.slice(1), new Uint8Array(31)] };
    expect(() => write(short)).toThrow(/32 bytes/);
    expect(() => buildReceipt(short)).toThrow();
    const many = {
      ...input,
      inclusionProof: Array.from({ length: MAX_INCLUSION_PROOF_HASHES + 1 }, () => randomBytes(32)),
    };
    expect(() => write(many)).toThrow(/at most 64/);
    expect(() => buildReceipt(many)).toThrow();
    const badNote = { ...input, checkpoint: input.checkpoint.replace('verity.example/log\n', 'verity.example/log') };
    expect(() => write(badNote)).toThrow();
    expect(() => buildReceipt(badNote)).toThrow();
    expect(() => write({ ...input, leafIndex: -1n })).toThrow(/uint64/);
    expect(() => write({ ...input, leafIndex: 1n << 64n })).toThrow(/uint64/);
    // A refusal leaves the writer usable.
    expect(write(input).equals(expected(input))).toBe(true);
  });
});

describe('depositsJson', () => {
  it('is JSON.stringify({ deposits }) of the receipts, and of none', () => {
    const inputs = sealedBatch(5n, 3);
    const write = receiptJsonWriter();
    expect(depositsJson(inputs.map(write)).toString('utf8')).toBe(
      JSON.stringify({ deposits: inputs.map((input) => buildReceipt(input)) }),
    );
    expect(depositsJson([]).toString('utf8')).toBe('{"deposits":[]}');
    ZReceiptBatch.parse(JSON.parse(depositsJson(inputs.map(receiptJsonWriter())).toString('utf8')));
  });
});
