/**
 * The signer's side of cosigner keys (./cosigner-keys.ts): key pairs derived from a 32-byte seed —
 * Ed25519 (RFC 8032) or ML-DSA-44 (FIPS 204 KeyGen_internal(ξ = seed)) — and the signer key text
 * `PRIVATE+KEY+<name>+<8 hex key ID>+<base64(type || seed)>`.
 *
 * @see https://c2sp.org/tlog-cosignature
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { ml_dsa44 } from '@noble/post-quantum/ml-dsa.js';
import {
  assertAlgorithm,
  assertKeyName,
  COSIGNATURE_ALGORITHMS,
  type CosignatureAlgorithm,
  type CosignerSignerKey,
  checkKeyId,
  cosignerKeyId,
  formatCosignerVerifierKey,
  hex8,
  SEED_LENGTH,
  SIGNER_KEY_PREFIX,
  splitKey,
} from './cosigner-keys';
import { assertBytes, bytesToBase64, concatBytes } from './encoding';
import { TlogError } from './errors';

/** The key pair a seed gives: Ed25519 (RFC 8032) or ML-DSA-44 (FIPS 204 KeyGen_internal(ξ = seed)). */
export function cosignerKeyPair(
  algorithm: CosignatureAlgorithm,
  seed: Uint8Array,
): { publicKey: Uint8Array; secretKey: Uint8Array } {
  assertAlgorithm(algorithm);
  assertBytes(seed, `${algorithm} seed`, SEED_LENGTH);
  if (algorithm === 'ed25519') return { publicKey: ed25519.getPublicKey(seed), secretKey: seed.slice() };
  const { publicKey, secretKey } = ml_dsa44.keygen(seed);
  return { publicKey, secretKey };
}

export function formatCosignerSignerKey(name: string, algorithm: CosignatureAlgorithm, seed: Uint8Array): string {
  const { publicKey } = cosignerKeyPair(algorithm, seed);
  const keyId = cosignerKeyId(name, algorithm, publicKey);
  const { type } = COSIGNATURE_ALGORITHMS[algorithm];
  return `${SIGNER_KEY_PREFIX}${name}+${hex8(keyId)}+${bytesToBase64(concatBytes(Uint8Array.of(type), seed))}`;
}

/** Parses a cosigner signer key; the key ID is checked against the derived public key. */
export function parseCosignerSignerKey(text: string): CosignerSignerKey {
  if (typeof text !== 'string' || !text.startsWith(SIGNER_KEY_PREFIX)) {
    throw new TlogError('MALFORMED_KEY', `cosigner signer key must start with ${SIGNER_KEY_PREFIX}`);
  }
  const { name, keyId, algorithm, material } = splitKey(text.slice(SIGNER_KEY_PREFIX.length), 'cosigner signer key');
  if (material.length !== SEED_LENGTH) throw new TlogError('MALFORMED_KEY', 'a cosigner seed is 32 bytes');
  const { publicKey, secretKey } = cosignerKeyPair(algorithm, material);
  return {
    name,
    keyId: checkKeyId(name, keyId, algorithm, publicKey),
    algorithm,
    publicKey,
    seed: material,
    secretKey,
  };
}

/** The verifier key string of a signer key, to publish. */
export function cosignerVerifierKeyFromSignerKey(signerKey: string | CosignerSignerKey): string {
  const key = typeof signerKey === 'string' ? parseCosignerSignerKey(signerKey) : signerKey;
  return formatCosignerVerifierKey(key.name, key.algorithm, cosignerKeyPair(key.algorithm, key.seed).publicKey);
}

/**
 * Generates a cosigner key pair and returns both key strings. `seed` (32 bytes) makes it
 * deterministic for tests and fixtures; without it the platform CSPRNG is used.
 */
export function generateCosignerKeys(
  name: string,
  algorithm: CosignatureAlgorithm = 'ed25519',
  seed?: Uint8Array,
): { signerKey: string; verifierKey: string } {
  assertKeyName(name);
  assertAlgorithm(algorithm);
  if (seed !== undefined) assertBytes(seed, `${algorithm} seed`, SEED_LENGTH);
  const secret = seed ?? crypto.getRandomValues(new Uint8Array(SEED_LENGTH));
  return {
    signerKey: formatCosignerSignerKey(name, algorithm, secret),
    verifierKey: formatCosignerVerifierKey(name, algorithm, cosignerKeyPair(algorithm, secret).publicKey),
  };
}
