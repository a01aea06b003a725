/**
 * Checks a depositor's signature on a deposit request against the keys registered to the
 * depositor's account: the key in the request must be byte-for-byte one of them (with the same
 * algorithm), and the signature must verify over `signedPayload(request)`.
 *
 * A bad signature is data, not a bug, so this returns a typed result instead of throwing:
 * `SIGNATURE_MALFORMED` (missing, bad base64, wrong sizes, not a curve point),
 * `KEY_NOT_REGISTERED`, or `SIGNATURE_INVALID`.
 *
 * - Ed25519 (RFC 8032) is verified strictly (not ZIP-215), as `lib/tlog` does and as OpenSSL
 *   does: non-canonical encodings are refused, so a valid signature has no second valid spelling.
 * - SM2 (GB/T 32918.2) with SM3 and the default user ID "1234567812345678", via `sm-crypto-v2`.
 *   r and s are checked to lie in [1, n-1] here (steps B1–B2 of the standard), which the library
 *   leaves out: without it s and s + n would both verify.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8032#section-5.1.7
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm2-ecdsa#section-6 (SM2 verification)
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sm2 } from 'sm-crypto-v2';
import { bytesToHex } from '@/lib/hashing';
import { bytesEqual } from '@/lib/tlog';
import type { DepositRequestInput, SignatureAlgorithm } from './deposit-request.schema';
import { StatementError } from './errors';
import { decodeSignature, SM2_DEFAULT_USER_ID, SM2_ORDER } from './signature-shape';
import { signedPayload } from './signed-payload';

export type RegisteredDepositorKey = { id: string; algorithm: SignatureAlgorithm; publicKey: Uint8Array };

export type SignatureCheckFailureCode = 'KEY_NOT_REGISTERED' | 'SIGNATURE_INVALID' | 'SIGNATURE_MALFORMED';

export type VerifyDepositorSignatureResult =
  | { ok: true; keyId: string }
  | { ok: false; code: SignatureCheckFailureCode; message: string };

const NAMES: Record<SignatureAlgorithm, string> = { ed25519: 'Ed25519', sm2: 'SM2' };

function bigEndian(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`);
}

function isValidPublicKey(algorithm: SignatureAlgorithm, publicKey: Uint8Array): boolean {
  try {
    if (algorithm === 'ed25519') return ed25519.utils.isValidPublicKey(publicKey, false);
    return sm2.verifyPublicKey(bytesToHex(publicKey));
  } catch {
    return false;
  }
}

function sm2Verifies(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  const r = bigEndian(signature.subarray(0, 32));
  const s = bigEndian(signature.subarray(32, 64));
  if (r < 1n || r >= SM2_ORDER || s < 1n || s >= SM2_ORDER) return false;
  return sm2.doVerifySignature(message, bytesToHex(signature), bytesToHex(publicKey), {
    hash: true, // e = SM3(Z_A || M), Z_A from the user ID and the public key
    der: false, // r || s, 32 bytes each
    userId: SM2_DEFAULT_USER_ID,
  });
}

function signatureVerifies(
  algorithm: SignatureAlgorithm,
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    if (algorithm === 'ed25519') return ed25519.verify(signature, message, publicKey, { zip215: false });
    return sm2Verifies(signature, message, publicKey);
  } catch {
    return false; // a library that throws on hostile input must not turn into a 500
  }
}

/**
 * Verifies `request.signature` against `registeredKeys` (the depositor account's keys). The
 * request's digests, title and metadata must be valid (parse it with `ZDepositRequest` first);
 * otherwise the signed payload cannot be built and a `ZodError` is thrown.
 */
export function verifyDepositorSignature(
  request: DepositRequestInput,
  registeredKeys: ReadonlyArray<RegisteredDepositorKey>,
): VerifyDepositorSignatureResult {
  // `as unknown`: Array.isArray would otherwise narrow the readonly array to any[].
  if (!Array.isArray(registeredKeys as unknown)) {
    throw new StatementError('INVALID_ARGUMENT', 'registeredKeys must be an array of { id, algorithm, publicKey }');
  }
  const malformed = (message: string) => ({ ok: false, code: 'SIGNATURE_MALFORMED', message }) as const;
  if (request.signature === undefined || request.signature === null) {
    return malformed('the deposit statement has no signature; expected signature { algorithm, publicKey, value }');
  }
  const shape = decodeSignature(request.signature);
  if (!shape.ok) return malformed(shape.message);
  const { algorithm, publicKey, value } = shape.signature;
  if (!isValidPublicKey(algorithm, publicKey)) {
    return malformed(`signature.publicKey is not a valid ${NAMES[algorithm]} public key (not a point on the curve)`);
  }
  const key = registeredKeys.find(
    (candidate) =>
      candidate.algorithm === algorithm &&
      candidate.publicKey instanceof Uint8Array &&
      bytesEqual(candidate.publicKey, publicKey),
  );
  if (key === undefined) {
    const other = registeredKeys.find((k) => k.publicKey instanceof Uint8Array && bytesEqual(k.publicKey, publicKey));
    return {
      ok: false,
      code: 'KEY_NOT_REGISTERED',
      message:
        other === undefined
          ? `signature.publicKey is not an ${NAMES[algorithm]} key registered to this depositor; register it first`
          : `signature.publicKey is registered as an ${NAMES[other.algorithm]} key, not ${NAMES[algorithm]}`,
    };
  }
  if (!signatureVerifies(algorithm, value, signedPayload(request), publicKey)) {
    return {
      ok: false,
      code: 'SIGNATURE_INVALID',
      message: `the ${NAMES[algorithm]} signature does not verify over the signed payload of this statement (see the signed-payload definition)`,
    };
  }
  return { ok: true, keyId: key.id };
}
