/**
 * Cosigner (witness) keys of C2SP tlog-cosignature, in the signed-note key text form:
 *
 *     verifier key: <name>+<8 hex key ID>+<base64(type || public key)>
 *     signer key:   PRIVATE+KEY+<name>+<8 hex key ID>+<base64(type || 32-byte seed)>
 *
 * Two cosignature types, each with its own key type byte (the signed-note "signature type"):
 *
 * - 0x04 Ed25519 `cosignature/v1`: 32-byte public key; key ID = SHA-256(name || 0x0A || 0x04 || key)[:4]
 * - 0x06 ML-DSA-44 `subtree/v1`: 1312-byte public key; key ID = SHA-256(name || 0x0A || 0x06 || key)[:4]
 *
 * The spec defines the verifier key ("vkey") only; the signer key string is Verity's, built like
 * Go's note signer keys so a witness keeps one line of text per key. Its secret is the 32-byte
 * seed: the RFC 8032 private key for Ed25519, FIPS 204 ML-DSA.KeyGen's ξ for ML-DSA-44.
 *
 * Reading and checking keys is here; deriving key pairs from a seed (the signer's side, with the
 * ML-DSA-44 implementation) is in ./cosigner-signer-keys.ts, so that a browser which only checks
 * cosignatures does not load ML-DSA key generation with its first page.
 *
 * @see https://c2sp.org/tlog-cosignature
 * @see https://c2sp.org/signed-note#verifier-keys
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { assertBytes, bytesToBase64, concatBytes, utf8ToBytes } from './encoding';
import { TlogError } from './errors';
import { isValidKeyName, splitKeyText } from './note-keys';

export type CosignatureAlgorithm = 'ed25519' | 'ml-dsa-44';

/** Key type bytes (tlog-cosignature "Format"). */
export const COSIGNATURE_ED25519_TYPE = 0x04;
export const COSIGNATURE_ML_DSA_44_TYPE = 0x06;

/** Sizes per cosignature type: key type byte, public key, signature (after the 8-byte timestamp). */
export const COSIGNATURE_ALGORITHMS = {
  ed25519: { type: COSIGNATURE_ED25519_TYPE, publicKeyLength: 32, signatureLength: 64 },
  'ml-dsa-44': { type: COSIGNATURE_ML_DSA_44_TYPE, publicKeyLength: 1312, signatureLength: 2420 },
} as const satisfies Record<CosignatureAlgorithm, { type: number; publicKeyLength: number; signatureLength: number }>;

export const SIGNER_KEY_PREFIX = 'PRIVATE+KEY+';
export const SEED_LENGTH = 32;

export interface CosignerVerifierKey {
  name: string;
  /** uint32 key ID, as in the signature lines. */
  keyId: number;
  algorithm: CosignatureAlgorithm;
  publicKey: Uint8Array;
}

export interface CosignerSignerKey extends CosignerVerifierKey {
  /** The 32-byte seed the key pair is derived from. Secret. */
  seed: Uint8Array;
  /** The expanded signing key (the seed for Ed25519, FIPS 204 sk for ML-DSA-44). Secret. */
  secretKey: Uint8Array;
}

function algorithmOfType(type: number | undefined): CosignatureAlgorithm | undefined {
  if (type === COSIGNATURE_ED25519_TYPE) return 'ed25519';
  if (type === COSIGNATURE_ML_DSA_44_TYPE) return 'ml-dsa-44';
  return undefined;
}

export function assertAlgorithm(algorithm: unknown): asserts algorithm is CosignatureAlgorithm {
  if (algorithm !== 'ed25519' && algorithm !== 'ml-dsa-44') {
    throw new TlogError('INVALID_ARGUMENT', 'cosignature algorithm must be "ed25519" or "ml-dsa-44"');
  }
}

export function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new TlogError('MALFORMED_KEY', 'cosigner name must be non-empty, without spaces, "+" or control characters');
  }
}

/** The uint32 key ID: SHA-256(name || 0x0A || type || public key)[:4], big-endian. */
export function cosignerKeyId(name: string, algorithm: CosignatureAlgorithm, publicKey: Uint8Array): number {
  assertKeyName(name);
  assertAlgorithm(algorithm);
  const { type, publicKeyLength } = COSIGNATURE_ALGORITHMS[algorithm];
  assertBytes(publicKey, `${algorithm} public key`, publicKeyLength);
  const digest = sha256(concatBytes(utf8ToBytes(name), Uint8Array.of(0x0a, type), publicKey));
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0, false);
}

export function hex8(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** `<name>+<hex key ID>+<base64(type || public key)>`. */
export function formatCosignerVerifierKey(
  name: string,
  algorithm: CosignatureAlgorithm,
  publicKey: Uint8Array,
): string {
  const keyId = cosignerKeyId(name, algorithm, publicKey);
  const { type } = COSIGNATURE_ALGORITHMS[algorithm];
  return `${name}+${hex8(keyId)}+${bytesToBase64(concatBytes(Uint8Array.of(type), publicKey))}`;
}

export function splitKey(
  text: string,
  what: string,
): { name: string; keyId: number; algorithm: CosignatureAlgorithm; material: Uint8Array } {
  const { name, keyId, key } = splitKeyText(text, what, assertKeyName);
  const algorithm = algorithmOfType(key[0]);
  if (!algorithm) {
    throw new TlogError(
      'UNSUPPORTED_ALGORITHM',
      `${what} has key type ${key[0] ?? 'none'}; cosigner keys are Ed25519 (4) or ML-DSA-44 (6)`,
    );
  }
  return { name, keyId, algorithm, material: key.slice(1) };
}

export function checkKeyId(
  name: string,
  claimed: number,
  algorithm: CosignatureAlgorithm,
  publicKey: Uint8Array,
): number {
  const keyId = cosignerKeyId(name, algorithm, publicKey);
  if (claimed !== keyId) {
    throw new TlogError('KEY_ID_MISMATCH', `cosigner key ID ${hex8(claimed)} does not match the key (${hex8(keyId)})`);
  }
  return keyId;
}

/** Parses a cosigner verifier key and checks its key ID and key material. */
export function parseCosignerVerifierKey(text: string): CosignerVerifierKey {
  if (typeof text !== 'string') throw new TlogError('INVALID_ARGUMENT', 'cosigner verifier key must be a string');
  const { name, keyId, algorithm, material } = splitKey(text, 'cosigner verifier key');
  const { publicKeyLength } = COSIGNATURE_ALGORITHMS[algorithm];
  if (material.length !== publicKeyLength) {
    throw new TlogError('MALFORMED_KEY', `a ${algorithm} cosigner public key is ${publicKeyLength} bytes`);
  }
  if (algorithm === 'ed25519' && !ed25519.utils.isValidPublicKey(material, false)) {
    throw new TlogError('MALFORMED_KEY', 'cosigner verifier key is not a valid Ed25519 public key');
  }
  return { name, keyId: checkKeyId(name, keyId, algorithm, material), algorithm, publicKey: material };
}
