/**
 * Signs a deposit request as a depositor would: for tests, the seed and the client SDK. The
 * counterpart of `verifyDepositorSignature`; private keys never reach the server in real use.
 *
 * - Ed25519 (RFC 8032): the private key is the 32-byte seed.
 * - SM2 (GB/T 32918.2, SM3, user ID "1234567812345678"): the private key is the 32-byte scalar d,
 *   1 <= d <= n-2; the signature is r || s (64 bytes), not DER. The nonce comes from the
 *   platform CSPRNG (`crypto.getRandomValues`), so two signatures of one payload differ.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8032#section-5.1.6
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm2-ecdsa#section-5 (SM2 signing)
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sm2 } from 'sm-crypto-v2';
import { bytesToHex, hexToBytes } from '@/lib/hashing';
import { bytesToBase64 } from '@/lib/tlog';
import {
  type DepositRequest,
  type DepositRequestInput,
  type SignatureAlgorithm,
  ZDepositRequest,
} from './deposit-request.schema';
import { StatementError } from './errors';
import { SM2_DEFAULT_USER_ID, SM2_ORDER } from './signature-shape';
import { signedPayload } from './signed-payload';

export type DepositorPrivateKey = { algorithm: SignatureAlgorithm; privateKey: Uint8Array };

function checkPrivateKey({ algorithm, privateKey }: DepositorPrivateKey): string {
  if (algorithm !== 'ed25519' && algorithm !== 'sm2') {
    throw new StatementError('INVALID_ARGUMENT', 'algorithm must be "ed25519" or "sm2"');
  }
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== 32) {
    throw new StatementError('INVALID_ARGUMENT', `an ${algorithm} private key must be a 32-byte Uint8Array`);
  }
  const hex = bytesToHex(privateKey);
  if (algorithm === 'sm2') {
    const d = BigInt(`0x${hex}`);
    // d = n-1 has no (1 + d)^-1 mod n, which every SM2 signature needs.
    if (d < 1n || d > SM2_ORDER - 2n) {
      throw new StatementError('INVALID_ARGUMENT', 'an SM2 private key must be an integer in [1, n-2]');
    }
  }
  return hex;
}

/**
 * The public key for a depositor private key: 32 bytes (Ed25519) or 65 bytes 04||x||y (SM2), in
 * a fresh `ArrayBuffer`-backed array (what a Prisma `Bytes` column takes) — for registering keys.
 */
export function depositorPublicKey(key: DepositorPrivateKey): Uint8Array<ArrayBuffer> {
  const hex = checkPrivateKey(key);
  if (key.algorithm === 'ed25519') return new Uint8Array(ed25519.getPublicKey(key.privateKey));
  return new Uint8Array(hexToBytes(sm2.getPublicKeyFromPrivateKey(hex)));
}

/**
 * `request`, normalised by `ZDepositRequest`, with `signature` set to a fresh signature over its
 * signed payload. Any signature the request already had is replaced.
 */
export function signDepositRequest(request: DepositRequestInput, key: DepositorPrivateKey): DepositRequest {
  const privateHex = checkPrivateKey(key);
  const parsed = ZDepositRequest.parse({ ...request, signature: undefined });
  const payload = signedPayload(parsed);
  const publicKey = depositorPublicKey(key);
  const value =
    key.algorithm === 'ed25519'
      ? ed25519.sign(payload, key.privateKey)
      : hexToBytes(
          sm2.doSignature(payload, privateHex, {
            hash: true,
            der: false,
            publicKey: bytesToHex(publicKey),
            userId: SM2_DEFAULT_USER_ID,
          }),
        );
  const { signature: _replaced, ...rest } = parsed;
  return {
    ...rest,
    signature: { algorithm: key.algorithm, publicKey: bytesToBase64(publicKey), value: bytesToBase64(value) },
  };
}
