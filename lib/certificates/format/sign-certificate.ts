/**
 * Signing a certificate body with the court's Ed25519 key (RFC 8032, pure Ed25519 over the
 * canonical body bytes, no pre-hash, no context). Pure and browser-safe: the server signs with
 * it, tests and tools make certificates with it.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8032#section-5.1.6
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToBase64, bytesToHex } from '@/lib/tlog';
import { certificateSigningBytes } from './canonical';
import { CERTIFICATE_FORMAT, type CertificateBody, type CertificateFile, ZCertificateBody } from './certificate-body';

/** Ed25519 public keys and private key seeds are 32 bytes; signatures 64. */
export const COURT_KEY_LENGTH = 32;
export const COURT_SIGNATURE_LENGTH = 64;

function assertKey(key: unknown, what: string): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== COURT_KEY_LENGTH) {
    throw new TypeError(`${what} must be a Uint8Array of ${COURT_KEY_LENGTH} bytes`);
  }
}

/** The key ID certificates name: lowercase hex of the first 4 bytes of SHA-256(public key). */
export function courtKeyId(publicKey: Uint8Array): string {
  assertKey(publicKey, 'the court public key');
  return bytesToHex(sha256(publicKey).subarray(0, 4));
}

/** The public key of a 32-byte Ed25519 private key seed. */
export function courtPublicKey(courtPrivateKey: Uint8Array): Uint8Array {
  assertKey(courtPrivateKey, 'the court private key (Ed25519 seed)');
  return ed25519.getPublicKey(courtPrivateKey);
}

/**
 * The certificate file for `body`, signed with `courtPrivateKey` (the 32-byte Ed25519 seed).
 * The body is validated first (a ZodError for a body that is not a valid certificate body), and
 * what is signed and returned is the validated body, so the file always parses as it was signed.
 */
export function signCertificate(body: CertificateBody, courtPrivateKey: Uint8Array): CertificateFile {
  const publicKey = courtPublicKey(courtPrivateKey);
  const parsed = ZCertificateBody.parse(body);
  const signature = ed25519.sign(certificateSigningBytes(parsed), courtPrivateKey);
  return {
    format: CERTIFICATE_FORMAT,
    body: parsed,
    signature: {
      algorithm: 'ed25519',
      keyId: courtKeyId(publicKey),
      publicKey: bytesToBase64(publicKey),
      value: bytesToBase64(signature),
    },
  };
}
