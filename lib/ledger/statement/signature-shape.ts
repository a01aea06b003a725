/**
 * Sizes and encodings of depositor keys and signatures, checked in one place so the deposit
 * check (`verifyDepositorSignature`) and the leaf parser (`parseLeaf`) agree on what a
 * well-formed signature is.
 *
 * - Ed25519 (RFC 8032): 32-byte public key, 64-byte signature R||S.
 * - SM2 (GB/T 32918.2-2016, with SM3 and the default distinguishing identifier
 *   "1234567812345678" of GB/T 35276-2017 / GM/T 0009): 65-byte uncompressed public key
 *   0x04||x||y, 64-byte signature r||s (two 32-byte big-endian integers, not DER).
 *
 * @see https://www.rfc-editor.org/rfc/rfc8032
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm2-ecdsa (SM2 signatures, English text)
 * @see https://www.rfc-editor.org/rfc/rfc8998 (SM2 in TLS 1.3: the same default identifier)
 * @module
 */
import { base64ToBytes } from '@/lib/tlog';
import type { SignatureAlgorithm } from './limits';

export const PUBLIC_KEY_LENGTH: Readonly<Record<SignatureAlgorithm, number>> = { ed25519: 32, sm2: 65 };
export const SIGNATURE_LENGTH = 64;
/** The SM2 user ID every party uses unless agreed otherwise (GB/T 35276-2017 §10, RFC 8998 §3.2.1). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';
/** Order n of the SM2 base point (GB/T 32918.5-2017): r and s must lie in [1, n-1]. */
export const SM2_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

export type DecodedSignature = { algorithm: SignatureAlgorithm; publicKey: Uint8Array; value: Uint8Array };
export type SignatureShape = { ok: true; signature: DecodedSignature } | { ok: false; message: string };

const NAMES: Record<SignatureAlgorithm, string> = { ed25519: 'Ed25519', sm2: 'SM2' };

function decode(text: unknown, field: string): Uint8Array | string {
  if (typeof text !== 'string') return `${field} must be a base64 string`;
  try {
    return base64ToBytes(text);
  } catch {
    return `${field} is not standard base64 (RFC 4648 §4: A-Z a-z 0-9 + / with = padding)`;
  }
}

/** Decodes a `{ algorithm, publicKey, value }` signature and checks every size; never throws. */
export function decodeSignature(signature: { algorithm: unknown; publicKey: unknown; value: unknown }): SignatureShape {
  const { algorithm } = signature;
  if (algorithm !== 'ed25519' && algorithm !== 'sm2') {
    return { ok: false, message: 'signature.algorithm must be "ed25519" or "sm2"' };
  }
  const publicKey = decode(signature.publicKey, 'signature.publicKey');
  if (typeof publicKey === 'string') return { ok: false, message: publicKey };
  const value = decode(signature.value, 'signature.value');
  if (typeof value === 'string') return { ok: false, message: value };
  const keyLength = PUBLIC_KEY_LENGTH[algorithm];
  if (publicKey.length !== keyLength) {
    return {
      ok: false,
      message: `signature.publicKey: an ${NAMES[algorithm]} public key is ${keyLength} bytes${algorithm === 'sm2' ? ' (uncompressed 04||x||y)' : ''}, got ${publicKey.length}`,
    };
  }
  if (algorithm === 'sm2' && publicKey[0] !== 0x04) {
    return { ok: false, message: 'signature.publicKey: an SM2 public key must be uncompressed (first byte 0x04)' };
  }
  if (value.length !== SIGNATURE_LENGTH) {
    return {
      ok: false,
      message: `signature.value: an ${NAMES[algorithm]} signature is ${SIGNATURE_LENGTH} bytes${algorithm === 'sm2' ? ' (r||s, not DER)' : ''}, got ${value.length}`,
    };
  }
  return { ok: true, signature: { algorithm, publicKey, value } };
}
