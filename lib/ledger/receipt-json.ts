import 'server-only';
/**
 * Receipts written straight to JSON bytes, for answering deposits: exactly the bytes of
 * `JSON.stringify(buildReceipt(input))` in UTF-8 (tested byte for byte), made in about half
 * the time. The receipts of one batch share their checkpoint and most of their proof hashes
 * (each is written twice, in `inclusionProof` and in `tlogProof`), so a writer encodes each of
 * those once and copies the bytes, instead of building an object per receipt, serialising it,
 * and encoding the text to UTF-8. A batch of 1000 is ~2.5 MB of JSON, and building, serialising
 * and encoding it was ~40 % of the servers' CPU per batch request (BENCHMARKS.md, fourth round).
 *
 * Everything else a receipt holds comes from the statement and is written through
 * `JSON.stringify`, so escaping and key order stay JavaScript's own.
 */
import { assertCheckpointNote, MAX_INCLUSION_PROOF_HASHES, TLOG_PROOF_HEADER } from '@/lib/tlog';
import type { ReceiptInput } from './receipt';
import { parseLeaf } from './statement';

const HASH_SIZE = 32;
const MAX_UINT64 = (1n << 64n) - 1n;
/**
 * Receipts are written into slabs, then sliced. The first holds about one receipt (~2.5 KB);
 * each next one is twice the last, up to 1 MB: a batch takes few allocations, and a single
 * deposit's answer does not take a megabyte (it did in a first version, and single deposits
 * fell from ~4,000 to ~1,350/s in the benchmark).
 */
const FIRST_SLAB_BYTES = 4 * 1024;
const MAX_SLAB_BYTES = 1 << 20;
const COMMA = 0x2c;

/** A proof hash as a receipt writes it: `"<base64>"` in the list, `<base64>\n` (JSON-escaped) in tlogProof. */
interface HashText {
  quoted: Buffer;
  line: Buffer;
}

/** What every receipt to one checkpoint shares. */
interface CheckpointText {
  treeSize: bigint;
  /** `,"treeSize":N,"checkpoint":"…","inclusionProof":[` */
  middle: Buffer;
  /** `\n<checkpoint>"}`, JSON-escaped: the end of tlogProof and of the receipt (with `witnessed` when given). */
  end: Buffer;
  witnessed: string | undefined;
}

/**
 * A writer for the receipts of one answer. It remembers the hashes and checkpoints it has
 * written (by identity and by text), so use one per batch, not one for ever.
 */
export function receiptJsonWriter(): (input: ReceiptInput) => Buffer<ArrayBuffer> {
  const hashes = new Map<Uint8Array, HashText>();
  let checkpoint: { text: string; shared: CheckpointText } | undefined;
  let depositor: { id: string; name: string; json: string } | undefined;
  let slab = Buffer.allocUnsafe(0);
  let used = 0;

  const hashText = (hash: Uint8Array, i: number): HashText => {
    let text = hashes.get(hash);
    if (text === undefined) {
      if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
        throw new RangeError(`receipt: proof hash ${i} must be ${HASH_SIZE} bytes`);
      }
      const base64 = Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('base64');
      text = { quoted: Buffer.from(`"${base64}"`, 'latin1'), line: Buffer.from(`${base64}\\n`, 'latin1') };
      hashes.set(hash, text);
    }
    return text;
  };

  const checkpointText = (text: string, treeSize: bigint, witnessed: ReceiptInput['witnessed']): CheckpointText => {
    const witnessedJson = witnessed === undefined ? undefined : JSON.stringify(witnessed);
    if (
      checkpoint?.text === text &&
      checkpoint.shared.treeSize === treeSize &&
      checkpoint.shared.witnessed === witnessedJson
    ) {
      return checkpoint.shared;
    }
    assertCheckpointNote(text);
    const json = JSON.stringify(text);
    const tail = witnessedJson === undefined ? '}' : `,"witnessed":${witnessedJson}}`;
    const shared = {
      treeSize,
      middle: Buffer.from(`,"treeSize":${Number(treeSize)},"checkpoint":${json},"inclusionProof":[`, 'utf8'),
      end: Buffer.from(`\\n${json.slice(1)}${tail}`, 'utf8'),
      witnessed: witnessedJson,
    };
    checkpoint = { text, shared };
    return shared;
  };

  const depositorJson = (value: { id: string; name: string }): string => {
    if (depositor?.id !== value.id || depositor.name !== value.name) {
      depositor = { id: value.id, name: value.name, json: JSON.stringify(value) };
    }
    return depositor.json;
  };

  return (input) => {
    const index = input.leafIndex;
    if (typeof index !== 'bigint' || index < 0n || index > MAX_UINT64) {
      throw new RangeError(`receipt: leaf index ${String(index)} is not a uint64`);
    }
    const proof = input.inclusionProof;
    if (proof.length > MAX_INCLUSION_PROOF_HASHES) {
      throw new RangeError(`receipt: at most ${MAX_INCLUSION_PROOF_HASHES} proof hashes`);
    }
    const shared = checkpointText(input.checkpoint, input.treeSize, input.witnessed);
    const statement = input.statement ?? parseLeaf(input.leaf);
    const leaf = Buffer.from(input.leaf.buffer, input.leaf.byteOffset, input.leaf.byteLength).toString('base64');
    // The same members, in the same order, as buildReceipt's object.
    const head = `{"id":${JSON.stringify(input.id)},"status":"sealed","leafIndex":${Number(index)},"leaf":"${leaf}","digests":${JSON.stringify(statement.digests)},"depositedAt":${JSON.stringify(statement.depositedAt)},"depositor":${depositorJson(statement.depositor)}${statement.titleSha256 ? `,"titleSha256":${JSON.stringify(statement.titleSha256)}` : ''}${statement.signature ? `,"signature":${JSON.stringify(statement.signature)}` : ''}`;
    const tlogHead = `],"tlogProof":"${TLOG_PROOF_HEADER}\\nindex ${index}\\n`;
    const texts = proof.map(hashText);

    let most = head.length * 3 + shared.middle.length + tlogHead.length + shared.end.length;
    for (const text of texts) most += text.quoted.length + 1 + text.line.length;
    if (slab.length - used < most) {
      slab = Buffer.allocUnsafe(Math.max(most, Math.min(MAX_SLAB_BYTES, 2 * slab.length || FIRST_SLAB_BYTES)));
      used = 0;
    }
    const start = used;
    let at = start + slab.write(head, start, 'utf8');
    at = put(slab, at, shared.middle);
    texts.forEach((text, i) => {
      if (i > 0) slab[at++] = COMMA;
      at = put(slab, at, text.quoted);
    });
    at += slab.write(tlogHead, at, 'latin1');
    for (const text of texts) at = put(slab, at, text.line);
    at = put(slab, at, shared.end);
    used = at;
    return slab.subarray(start, at);
  };
}

/** Copies `bytes` into `target` at `at`; returns the offset after them. */
function put(target: Uint8Array, at: number, bytes: Uint8Array): number {
  target.set(bytes, at);
  return at + bytes.length;
}

/** `{"deposits":[<r1>,<r2>,…]}`: a batch's answer from its receipts' JSON. */
export function depositsJson(receipts: readonly Uint8Array[]): Buffer<ArrayBuffer> {
  const parts: Uint8Array[] = [OPEN];
  receipts.forEach((receipt, i) => {
    if (i > 0) parts.push(SEPARATOR);
    parts.push(receipt);
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

const OPEN = Buffer.from('{"deposits":[');
const SEPARATOR = Buffer.from(',');
const CLOSE = Buffer.from(']}');
