/**
 * C2SP tlog-proof@v1: an offline-verifiable proof that an entry is in a transparency log.
 *
 * Grammar implemented (lines end in LF, U+000A; base64 is canonical standard base64):
 *
 *     proof      = header [extra] index *hash LF checkpoint
 *     header     = "c2sp.org/tlog-proof@v1" LF
 *     extra      = "extra" SP base64 LF          ; optional, opaque, NOT authenticated
 *     index      = "index" SP decimal LF          ; uint64, no leading zeros unless "0"
 *     hash       = base64 LF                      ; 32 bytes: RFC 6962 inclusion proof, leaf's
 *                                                 ; sibling first, root's child last
 *     checkpoint = signed note (c2sp.org/tlog-checkpoint), verbatim to the end of the text
 *
 * Confirmed against the spec text (C2SP/C2SP tlog-proof.md) and transparency-dev/formats
 * `proof/tlog_proof.go`. Stricter than that Go code: the index may not have leading zeros (the
 * spec forbids them), at most 64 hashes (the most a uint64 tree needs), no control characters,
 * and the checkpoint must itself parse as a signed note and a checkpoint body.
 *
 * @see https://c2sp.org/tlog-proof
 * @module
 */
import { parseCheckpoint } from './checkpoint';
import {
  base64ToBytes,
  bytesToBase64,
  bytesToUtf8,
  hasControlCharacter,
  isCanonicalBase64Of,
  isWellFormedText,
} from './encoding';
import { TlogError } from './errors';
import { HASH_SIZE } from './hash';
import { parseSignedNote } from './signed-note';
import { parseUint64Decimal, toUint64, type Uint64Like } from './uint64';

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';
/** An inclusion proof in a tree of at most 2^64-1 leaves has at most 64 hashes. */
export const MAX_INCLUSION_PROOF_HASHES = 64;

export interface TlogProof {
  /** Zero-based index of the entry in the log. */
  index: bigint;
  /** RFC 6962 inclusion proof hashes (32 bytes each). */
  proof: Uint8Array[];
  /** The signed checkpoint note, verbatim and not yet verified. */
  checkpoint: string;
  /** Opaque extra data, if present. Unauthenticated: never trust it implicitly. */
  extra?: Uint8Array;
}

export interface FormatTlogProofOptions {
  index: Uint64Like;
  /** The proof hashes: 32 bytes each, or already in canonical base64 (as a receipt lists them). */
  proof: readonly (Uint8Array | string)[];
  checkpoint: string;
  extra?: Uint8Array;
}

function fail(message: string): never {
  throw new TlogError('MALFORMED_PROOF', `tlog-proof: ${message}`);
}

function decodeBase64(text: string, what: string): Uint8Array {
  try {
    return base64ToBytes(text);
  } catch {
    fail(`${what} is not canonical standard base64`);
  }
}

/**
 * Proof hashes (as text) already found canonical. A server formats the receipts of a batch of
 * consecutive leaves together, and they share most of their hashes (a node at level k is in
 * the proofs of 2^(k+1) of them): each text is checked once, not once per receipt. Keyed by
 * the text itself, so the answer is the same as checking; bounded, emptied when full.
 */
const canonicalHashes = new Set<string>();
const CANONICAL_HASHES_MAX = 16_384;

function isCanonicalHash(text: string): boolean {
  if (canonicalHashes.has(text)) return true;
  if (!isCanonicalBase64Of(text, HASH_SIZE)) return false;
  if (canonicalHashes.size >= CANONICAL_HASHES_MAX) canonicalHashes.clear();
  canonicalHashes.add(text);
  return true;
}

/** The last checkpoint text found well-formed: a server formats many proofs to one checkpoint. */
let lastWellFormedCheckpoint: string | undefined;

/**
 * Checks the structure of a checkpoint a proof is to carry (a signed note whose text is a
 * checkpoint body; its signatures are checked by verifyTlogProof): what formatTlogProof checks,
 * for writers that lay the proof's text out themselves. Throws MALFORMED_NOTE or MALFORMED_CHECKPOINT.
 */
export function assertCheckpointNote(checkpoint: string): void {
  if (checkpoint === lastWellFormedCheckpoint) return;
  parseCheckpoint(parseSignedNote(checkpoint).text);
  lastWellFormedCheckpoint = checkpoint;
}

/** Parses tlog-proof text; throws MALFORMED_PROOF, or MALFORMED_NOTE / MALFORMED_CHECKPOINT for the checkpoint. */
export function parseTlogProof(input: string | Uint8Array): TlogProof {
  const text = input instanceof Uint8Array ? bytesToUtf8(input) : input;
  if (typeof text !== 'string') throw new TlogError('INVALID_ARGUMENT', 'tlog-proof must be a string or bytes');
  if (!isWellFormedText(text)) fail('text is not well-formed Unicode');
  if (hasControlCharacter(text)) fail('contains a control character other than newline');

  let position = 0;
  const nextLine = (what: string): string => {
    const end = text.indexOf('\n', position);
    if (end < 0) fail(`ends before the ${what}`);
    const line = text.slice(position, end);
    position = end + 1;
    return line;
  };

  if (nextLine('header') !== TLOG_PROOF_HEADER) fail(`first line must be ${TLOG_PROOF_HEADER}`);
  let line = nextLine('index line');
  let extra: Uint8Array | undefined;
  if (line.startsWith('extra ')) {
    extra = decodeBase64(line.slice('extra '.length), 'extra data');
    line = nextLine('index line');
  }
  if (!line.startsWith('index ')) fail('expected an "index <decimal>" line');
  const index = parseUint64Decimal(line.slice('index '.length), 'tlog-proof index', 'MALFORMED_PROOF');

  const proof: Uint8Array[] = [];
  for (line = nextLine('empty line before the checkpoint'); line !== ''; line = nextLine('checkpoint')) {
    if (proof.length === MAX_INCLUSION_PROOF_HASHES) fail(`more than ${MAX_INCLUSION_PROOF_HASHES} proof hashes`);
    const hash = decodeBase64(line, `proof hash ${proof.length + 1}`);
    if (hash.length !== HASH_SIZE)
      fail(`proof hash ${proof.length + 1} is ${hash.length} bytes, expected ${HASH_SIZE}`);
    proof.push(hash);
  }

  const checkpoint = text.slice(position);
  if (checkpoint === '') fail('the checkpoint is missing');
  assertCheckpointNote(checkpoint);
  return extra === undefined ? { index, proof, checkpoint } : { index, proof, checkpoint, extra };
}

/** Formats a tlog-proof; the result parses back to the same values. */
export function formatTlogProof(options: FormatTlogProofOptions): string {
  if (typeof options !== 'object' || options === null) throw new TlogError('INVALID_ARGUMENT', 'options required');
  const { proof, checkpoint, extra } = options;
  const index = toUint64(options.index, 'index');
  if (!Array.isArray(proof) || proof.length > MAX_INCLUSION_PROOF_HASHES) {
    throw new TlogError('INVALID_ARGUMENT', `proof must be an array of at most ${MAX_INCLUSION_PROOF_HASHES} hashes`);
  }
  const hashLines = proof.map((hash, i) => {
    if (typeof hash === 'string') {
      if (!isCanonicalHash(hash)) {
        throw new TlogError('INVALID_HASH_SIZE', `proof hash ${i} must be ${HASH_SIZE} bytes in canonical base64`);
      }
      return hash;
    }
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
      throw new TlogError('INVALID_HASH_SIZE', `proof hash ${i} must be ${HASH_SIZE} bytes`);
    }
    return bytesToBase64(hash);
  });
  if (extra !== undefined && !(extra instanceof Uint8Array)) {
    throw new TlogError('INVALID_ARGUMENT', 'extra must be a Uint8Array when given');
  }
  if (typeof checkpoint !== 'string') throw new TlogError('INVALID_ARGUMENT', 'checkpoint must be a string');
  assertCheckpointNote(checkpoint);

  const lines = [TLOG_PROOF_HEADER];
  if (extra !== undefined) lines.push(`extra ${bytesToBase64(extra)}`);
  lines.push(`index ${index}`, ...hashLines, '');
  return `${lines.join('\n')}\n${checkpoint}`;
}
