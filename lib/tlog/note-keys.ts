/**
 * Ed25519 keys for C2SP signed notes, in the text forms of Go's golang.org/x/mod/sumdb/note:
 *
 *     verifier key: <name>+<8 hex key ID>+<base64(0x01 || 32-byte public key)>
 *     signer key:   PRIVATE+KEY+<name>+<8 hex key ID>+<base64(0x01 || 32-byte seed)>
 *
 * key ID = first 4 bytes (big-endian uint32) of SHA-256(name || 0x0A || 0x01 || public key).
 * The ID in a key string is recomputed and must match: a key string whose ID was edited would
 * otherwise make the verifier look up signatures under the wrong identity.
 *
 * @see https://c2sp.org/signed-note
 * @see https://pkg.go.dev/golang.org/x/mod/sumdb/note
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { assertBytes, base64ToBytes, bytesToBase64, concatBytes, isWellFormedText, utf8ToBytes } from './encoding';
import { TlogError } from './errors';

/** Signature type byte of Ed25519 in signed notes. */
export const ED25519_SIGNATURE_TYPE = 0x01;
const SIGNER_KEY_PREFIX = 'PRIVATE+KEY+';

export interface NoteVerifierKey {
  name: string;
  /** uint32 key ID, as in the signature lines. */
  keyId: number;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

export interface NoteSignerKey extends NoteVerifierKey {
  /** 32-byte Ed25519 private key seed (RFC 8032). Secret. */
  seed: Uint8Array;
}

/** A key name is non-empty, well-formed, with no Unicode white space, no '+' and no control characters. */
export function isValidKeyName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name !== '' &&
    isWellFormedText(name) &&
    !name.includes('+') &&
    !/[\p{White_Space}\p{Cc}]/u.test(name)
  );
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new TlogError('MALFORMED_KEY', 'key name must be non-empty, without spaces, "+" or control characters');
  }
}

/** The uint32 key ID of an Ed25519 key: SHA-256(name || 0x0A || 0x01 || publicKey)[:4], big-endian. */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  assertKeyName(name);
  assertBytes(publicKey, 'Ed25519 public key', 32);
  const digest = sha256(concatBytes(utf8ToBytes(name), Uint8Array.of(0x0a, ED25519_SIGNATURE_TYPE), publicKey));
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0, false);
}

function hex8(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  const keyId = noteKeyId(name, publicKey);
  return `${name}+${hex8(keyId)}+${bytesToBase64(concatBytes(Uint8Array.of(ED25519_SIGNATURE_TYPE), publicKey))}`;
}

export function formatSignerKey(name: string, seed: Uint8Array): string {
  assertBytes(seed, 'Ed25519 seed', 32);
  const keyId = noteKeyId(name, ed25519.getPublicKey(seed));
  return `${SIGNER_KEY_PREFIX}${name}+${hex8(keyId)}+${bytesToBase64(concatBytes(Uint8Array.of(ED25519_SIGNATURE_TYPE), seed))}`;
}

/**
 * Splits a key text `<name>+<8 hex>+<base64>` (a note key, lib/tlog/note-keys.ts, or a cosigner
 * key, cosigner-keys.ts): the name (checked by `assertName`), the claimed key ID and the decoded
 * typed key material, whose type byte the caller checks.
 */
export function splitKeyText(
  text: string,
  what: string,
  assertName: (name: string) => void,
): { name: string; keyId: number; key: Uint8Array } {
  // The name holds no '+', the hex none either; base64 may, so split only at the first two.
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new TlogError('MALFORMED_KEY', `${what} must look like <name>+<8 hex>+<base64>`);
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  assertName(name);
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) throw new TlogError('MALFORMED_KEY', `${what} key ID must be 8 hex digits`);
  let key: Uint8Array;
  try {
    key = base64ToBytes(text.slice(second + 1));
  } catch {
    throw new TlogError('MALFORMED_KEY', `${what} key data is not canonical standard base64`);
  }
  return { name, keyId: Number.parseInt(hex, 16), key };
}

/** Splits `<name>+<hex>+<base64>` and decodes the typed 33-byte key material. */
function splitKey(text: string, what: string): { name: string; keyId: number; key: Uint8Array } {
  const { name, keyId, key } = splitKeyText(text, what, assertKeyName);
  if (key.length === 0) throw new TlogError('MALFORMED_KEY', `${what} key data is empty`);
  if (key[0] !== ED25519_SIGNATURE_TYPE) {
    throw new TlogError(
      'UNSUPPORTED_ALGORITHM',
      `${what} uses signature type ${key[0]}; only Ed25519 (1) is supported`,
    );
  }
  if (key.length !== 33) throw new TlogError('MALFORMED_KEY', `${what} Ed25519 key must be 32 bytes`);
  return { name, keyId, key: key.slice(1) };
}

function checkKeyId(name: string, claimed: number, publicKey: Uint8Array, what: string): number {
  const keyId = noteKeyId(name, publicKey);
  if (claimed !== keyId) {
    throw new TlogError('KEY_ID_MISMATCH', `${what} key ID ${hex8(claimed)} does not match the key (${hex8(keyId)})`);
  }
  return keyId;
}

/** Parses and checks a verifier key string. */
export function parseVerifierKey(text: string): NoteVerifierKey {
  if (typeof text !== 'string') throw new TlogError('INVALID_ARGUMENT', 'verifier key must be a string');
  const { name, keyId: claimed, key: publicKey } = splitKey(text, 'verifier key');
  // Strict RFC 8032 point decoding: a key that is not a curve point could never verify anything.
  if (!ed25519.utils.isValidPublicKey(publicKey, false)) {
    throw new TlogError('MALFORMED_KEY', 'verifier key is not a valid Ed25519 public key');
  }
  return { name, keyId: checkKeyId(name, claimed, publicKey, 'verifier key'), publicKey };
}

/** Parses and checks a signer key string; the key ID is checked against the derived public key. */
export function parseSignerKey(text: string): NoteSignerKey {
  if (typeof text !== 'string' || !text.startsWith(SIGNER_KEY_PREFIX)) {
    throw new TlogError('MALFORMED_KEY', `signer key must start with ${SIGNER_KEY_PREFIX}`);
  }
  const { name, keyId: claimed, key: seed } = splitKey(text.slice(SIGNER_KEY_PREFIX.length), 'signer key');
  const publicKey = ed25519.getPublicKey(seed);
  return { name, keyId: checkKeyId(name, claimed, publicKey, 'signer key'), publicKey, seed };
}

/** The verifier key string matching a signer key, to publish (e.g. at /api/v1/log/key). */
export function verifierKeyFromSignerKey(signerKey: string | NoteSignerKey): string {
  const key = typeof signerKey === 'string' ? parseSignerKey(signerKey) : signerKey;
  assertBytes(key.seed, 'Ed25519 seed', 32);
  return formatVerifierKey(key.name, ed25519.getPublicKey(key.seed));
}

/**
 * Generates an Ed25519 key pair for `name` and returns both key strings. `seed` (32 bytes) makes
 * it deterministic for tests and fixtures; without it the platform CSPRNG is used.
 */
export function generateNoteKeys(name: string, seed?: Uint8Array): { signerKey: string; verifierKey: string } {
  assertKeyName(name);
  if (seed !== undefined) assertBytes(seed, 'Ed25519 seed', 32);
  const secret = seed ?? ed25519.utils.randomSecretKey();
  return {
    signerKey: formatSignerKey(name, secret),
    verifierKey: formatVerifierKey(name, ed25519.getPublicKey(secret)),
  };
}
