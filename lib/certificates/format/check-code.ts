/**
 * The certificate's check code (校验码): eight characters printed on the PDF next to the number,
 * so that a person holding the paper can open the certificate's page at /certificates by number
 * and code, without typing its UUID. Pure and browser-safe.
 *
 * The code is derived, never stored: the first 40 bits of
 * SHA-256("verity-certificate-check-code/v1" || 0x0A || the signed body bytes), in Crockford's
 * base32 (digits and capital letters without I, L, O, U, so nothing reads as something else).
 * The signed bytes are the RFC 8785 canonical body (format/canonical.ts), which carries the
 * certificate's random UUID: nobody without the certificate can compute its code, and anyone
 * with the certificate file can recompute it. The signed format is unchanged (DESIGN.md
 * "Fixed formats").
 *
 * @see https://www.crockford.com/base32.html
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { certificateSigningBytes } from './canonical';
import type { CertificateBody } from './certificate-body';

/** Crockford's base32 alphabet. */
export const CHECK_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_CODE_LENGTH = 8;
const DOMAIN = new TextEncoder().encode('verity-certificate-check-code/v1\n');

/** The code of a certificate from its signed body bytes (the `certificates.body` column). */
export function checkCodeOfSignedBytes(signed: Uint8Array): string {
  if (!(signed instanceof Uint8Array) || signed.length === 0) {
    throw new TypeError('checkCodeOfSignedBytes: the signed body bytes must be a non-empty Uint8Array');
  }
  const input = new Uint8Array(DOMAIN.length + signed.length);
  input.set(DOMAIN, 0);
  input.set(signed, DOMAIN.length);
  const digest = sha256(input);
  // 40 bits = 5 bytes = 8 base32 characters.
  let bits = 0n;
  for (const byte of digest.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = CHECK_CODE_LENGTH - 1; i >= 0; i--) code += CHECK_CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code;
}

/** The code of a certificate from its body. */
export function certificateCheckCode(body: CertificateBody): string {
  return checkCodeOfSignedBytes(certificateSigningBytes(body));
}

/** As printed: two groups of four, `7K3M-Q9TX`. */
export function formatCheckCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What a person typed, as a code: full-width characters read as ASCII, case ignored, spaces and
 * hyphens dropped, and the letters
 * Crockford's base32 reads as digits (O as 0, I and L as 1). Null when it cannot be a code.
 */
export function normaliseCheckCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const code = input
    .normalize('NFKC') // full-width ＡＢ１ as typed with a Chinese input method
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== CHECK_CODE_LENGTH) return null;
  for (const c of code) if (!CHECK_CODE_ALPHABET.includes(c)) return null;
  return code;
}
