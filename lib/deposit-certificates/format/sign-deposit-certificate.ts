/**
 * Signing a deposit certificate body with the court's Ed25519 key: the verification
 * certificate's scheme (lib/certificates/format/sign-certificate.ts: pure Ed25519 over the RFC
 * 8785 canonical body, key ID = first 4 bytes of SHA-256 of the key), for this format's body.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8032#section-5.1.6
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { courtKeyId, courtPublicKey } from '@/lib/certificates/format/sign-certificate';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import { bytesToBase64 } from '@/lib/tlog';
import {
  DEPOSIT_CERTIFICATE_FORMAT,
  type DepositCertificateBody,
  type DepositCertificateFile,
  ZDepositCertificateBody,
} from './deposit-certificate-body';

/** The file for `body`, validated first (ZodError), signed with the 32-byte Ed25519 seed. */
export function signDepositCertificate(
  body: DepositCertificateBody,
  courtPrivateKey: Uint8Array,
): DepositCertificateFile {
  const publicKey = courtPublicKey(courtPrivateKey);
  const parsed = ZDepositCertificateBody.parse(body);
  const signature = ed25519.sign(canonicalJsonBytes(parsed), courtPrivateKey);
  return {
    format: DEPOSIT_CERTIFICATE_FORMAT,
    body: parsed,
    signature: {
      algorithm: 'ed25519',
      keyId: courtKeyId(publicKey),
      publicKey: bytesToBase64(publicKey),
      value: bytesToBase64(signature),
    },
  };
}
