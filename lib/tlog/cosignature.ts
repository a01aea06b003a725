/**
 * C2SP tlog-cosignature: a witness's signature line on a checkpoint, `— <name>
 * base64(key ID || timestamped_signature)`, where timestamped_signature = 8-byte big-endian POSIX
 * timestamp || signature (64 bytes Ed25519, 2420 bytes ML-DSA-44). The timestamp is at most
 * 2^63 - 1.
 *
 * Signed messages:
 * - Ed25519 (`cosignature/v1`): "cosignature/v1\ntime <t>\n" followed by the whole checkpoint body
 *   (the note text, with its final newline, no signature lines; extension lines included).
 * - ML-DSA-44 (`subtree/v1`): the `cosigned_message` structure, "subtree/v1\n\0" || u8-length
 *   cosigner name || u64 timestamp || u8-length origin || u64 start || u64 end || 32-byte hash,
 *   signed with FIPS 204 ML-DSA.Sign and an empty context. A checkpoint is the subtree [0, size);
 *   its extension lines are not covered.
 *
 * @see https://c2sp.org/tlog-cosignature
 * @module
 */
import { ml_dsa44 } from '@noble/post-quantum/ml-dsa.js';
import { parseCheckpoint } from './checkpoint';
import {
  COSIGNATURE_ALGORITHMS,
  type CosignatureAlgorithm,
  type CosignerSignerKey,
  type CosignerVerifierKey,
} from './cosigner-keys';
import { parseCosignerSignerKey } from './cosigner-signer-keys';
import { type Ed25519, nobleEd25519 } from './ed25519';
import { assertBytes, concatBytes, utf8ToBytes } from './encoding';
import { TlogError } from './errors';
import { HASH_SIZE } from './hash';
import { assertNoteText, type NoteSignature } from './signed-note';
import { toUint64, type Uint64Like } from './uint64';

/** The Ed25519 cosignature's header line, without its newline. */
export const COSIGNATURE_V1_HEADER = 'cosignature/v1';
/** The ML-DSA-44 cosigned_message label: "subtree/v1\n\0". */
export const SUBTREE_V1_LABEL = Uint8Array.from([...'subtree/v1\n'].map((c) => c.charCodeAt(0)).concat(0));
/** Cosignature timestamps must not exceed 2^63 - 1. */
export const MAX_COSIGNATURE_TIMESTAMP = (1n << 63n) - 1n;
const TIMESTAMP_LENGTH = 8;

function timestampOf(value: Uint64Like): bigint {
  const timestamp = toUint64(value, 'cosignature timestamp');
  if (timestamp > MAX_COSIGNATURE_TIMESTAMP) {
    throw new TlogError('INVALID_ARGUMENT', 'cosignature timestamp must not exceed 2^63 - 1');
  }
  return timestamp;
}

function uint64Bytes(value: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, value, false);
  return bytes;
}

function shortOpaque(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length < 1 || bytes.length > 255) {
    throw new TlogError('INVALID_ARGUMENT', `${what} must be 1 to 255 bytes for an ML-DSA-44 cosignature`);
  }
  return concatBytes(Uint8Array.of(bytes.length), bytes);
}

/** The Ed25519 `cosignature/v1` message: header line, time line, then the checkpoint body. */
export function cosignatureV1Message(checkpointText: string, timestamp: Uint64Like): Uint8Array {
  assertNoteText(checkpointText);
  return utf8ToBytes(`${COSIGNATURE_V1_HEADER}\ntime ${timestampOf(timestamp)}\n${checkpointText}`);
}

export interface SubtreeV1MessageFields {
  cosignerName: string;
  /** Zero when no "largest tree observed" statement is made; must be zero when start is not. */
  timestamp: Uint64Like;
  origin: string;
  start: Uint64Like;
  end: Uint64Like;
  hash: Uint8Array;
}

/** The ML-DSA-44 `cosigned_message` structure (RFC 8446 §3 presentation language). */
export function subtreeV1Message(fields: SubtreeV1MessageFields): Uint8Array {
  const timestamp = timestampOf(fields.timestamp);
  const start = toUint64(fields.start, 'subtree start');
  const end = toUint64(fields.end, 'subtree end');
  if (start !== 0n && timestamp !== 0n) {
    throw new TlogError('INVALID_ARGUMENT', 'a subtree cosignature with a non-zero start must have timestamp 0');
  }
  if (start > end) throw new TlogError('INVALID_ARGUMENT', 'subtree start must not exceed its end');
  assertBytes(fields.hash, 'subtree hash', HASH_SIZE);
  return concatBytes(
    SUBTREE_V1_LABEL,
    shortOpaque(utf8ToBytes(fields.cosignerName), 'cosigner name'),
    uint64Bytes(timestamp),
    shortOpaque(utf8ToBytes(fields.origin), 'log origin'),
    uint64Bytes(start),
    uint64Bytes(end),
    fields.hash,
  );
}

/** The message a key of `algorithm` named `cosignerName` signs for this checkpoint at `timestamp`. */
export function cosignedMessage(
  algorithm: CosignatureAlgorithm,
  cosignerName: string,
  checkpointText: string,
  timestamp: Uint64Like,
): Uint8Array {
  if (algorithm === 'ed25519') return cosignatureV1Message(checkpointText, timestamp);
  const { origin, size, rootHash } = parseCheckpoint(checkpointText);
  return subtreeV1Message({ cosignerName, timestamp, origin, start: 0n, end: size, hash: rootHash });
}

export interface SignCosignatureOptions {
  /** ML-DSA-44 only: false for deterministic signing (test vectors); hedged (random) by default. */
  randomized?: boolean;
  /** Ed25519 only: another implementation (node:crypto's in a Node server); default @noble/curves. */
  ed25519?: Ed25519;
}

/**
 * Cosigns a checkpoint body (the note text, with its final newline) at `timestamp` (POSIX
 * seconds, 1 to 2^63 - 1: a witness's cosignature never omits it) and returns the signature line.
 */
export function signCosignature(
  signer: string | CosignerSignerKey,
  checkpointText: string,
  timestamp: Uint64Like,
  options: SignCosignatureOptions = {},
): NoteSignature {
  const key = typeof signer === 'string' ? parseCosignerSignerKey(signer) : signer;
  const time = timestampOf(timestamp);
  if (time === 0n) throw new TlogError('INVALID_ARGUMENT', 'a checkpoint cosignature needs a non-zero timestamp');
  const message = cosignedMessage(key.algorithm, key.name, checkpointText, time);
  const signature =
    key.algorithm === 'ed25519'
      ? (options.ed25519 ?? nobleEd25519).sign(message, key.secretKey)
      : ml_dsa44.sign(message, key.secretKey, options.randomized === false ? { extraEntropy: false } : {});
  return { name: key.name, keyId: key.keyId, signature: concatBytes(uint64Bytes(time), signature) };
}

/** Splits a signature line's bytes (after the key ID) into timestamp and signature. */
export function parseTimestampedSignature(
  algorithm: CosignatureAlgorithm,
  bytes: Uint8Array,
): { timestamp: bigint; signature: Uint8Array } {
  const { signatureLength } = COSIGNATURE_ALGORITHMS[algorithm];
  if (!(bytes instanceof Uint8Array) || bytes.length !== TIMESTAMP_LENGTH + signatureLength) {
    throw new TlogError(
      'SIGNATURE_INVALID',
      `a ${algorithm} cosignature is ${TIMESTAMP_LENGTH + signatureLength} bytes after the key ID`,
    );
  }
  const timestamp = new DataView(bytes.buffer, bytes.byteOffset, TIMESTAMP_LENGTH).getBigUint64(0, false);
  if (timestamp > MAX_COSIGNATURE_TIMESTAMP) {
    throw new TlogError('SIGNATURE_INVALID', 'cosignature timestamp exceeds 2^63 - 1');
  }
  return { timestamp, signature: bytes.slice(TIMESTAMP_LENGTH) };
}

/**
 * Checks one signature line against one cosigner key: name and key ID must be the key's, the
 * signature must verify over the checkpoint body. Returns the cosignature's timestamp; throws
 * KEY_ID_MISMATCH (another key) or SIGNATURE_INVALID.
 */
export function verifyCosignature(
  key: CosignerVerifierKey,
  checkpointText: string,
  line: NoteSignature,
  options: { ed25519?: Ed25519 } = {},
): { timestamp: bigint } {
  if (line.name !== key.name || line.keyId !== key.keyId) {
    throw new TlogError('KEY_ID_MISMATCH', `the signature line is not by cosigner key ${key.name}`);
  }
  const { timestamp, signature } = parseTimestampedSignature(key.algorithm, line.signature);
  let message: Uint8Array;
  try {
    message = cosignedMessage(key.algorithm, key.name, checkpointText, timestamp);
  } catch (error) {
    throw new TlogError('SIGNATURE_INVALID', `cannot rebuild the cosigned message: ${(error as Error).message}`);
  }
  let valid = false;
  try {
    valid =
      key.algorithm === 'ed25519'
        ? (options.ed25519 ?? nobleEd25519).verify(signature, message, key.publicKey)
        : ml_dsa44.verify(signature, message, key.publicKey);
  } catch {
    valid = false;
  }
  if (!valid) throw new TlogError('SIGNATURE_INVALID', `the cosignature by ${key.name} does not verify`);
  return { timestamp };
}
