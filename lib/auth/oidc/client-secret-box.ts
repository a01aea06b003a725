import 'server-only';
/**
 * The OpenID client secret at rest: AES-256-GCM with a key derived (HKDF-SHA256) from
 * NEXTAUTH_SECRET, which lives outside the database (environment or the data folder). A copy of
 * the database alone does not reveal the secret. Stored as nonce (12) || ciphertext || tag (16).
 *
 * Why not an environment variable of its own: the secret is set in the admin page, not by an
 * operator, and a second key would be one more thing to generate, back up and pass to every
 * server. The cost: changing NEXTAUTH_SECRET makes the stored secret unreadable; the admin page
 * then says so and asks for it again (sign-in through the provider is off until then).
 * @module
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'verity/oidc-client-secret/v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function key(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret || secret.length < 32) {
    throw new Error('NEXTAUTH_SECRET is not set: start the portal with `npm start`, which provides it');
  }
  return Buffer.from(hkdfSync('sha256', secret, new Uint8Array(0), INFO, 32));
}

/** Encrypts `secret` for storage. */
export function sealClientSecret(secret: string): Uint8Array<ArrayBuffer> {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key(), nonce);
  cipher.setAAD(Buffer.from(INFO));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
}

/** The stored secret, or null when it cannot be decrypted (NEXTAUTH_SECRET changed, or the bytes did). */
export function openClientSecret(sealed: Uint8Array): string | null {
  if (sealed.length <= NONCE_BYTES + TAG_BYTES) return null;
  const bytes = Buffer.from(sealed);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(INFO));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return null;
  }
}
