import 'server-only';
/**
 * The API key format and how its secret is stored.
 *
 * A key is `vrt_<lookupId>_<secret>`: `lookupId` is 12 random lowercase base32 characters
 * (RFC 4648 alphabet, 60 bits) that find the row without revealing anything; `secret` is 32
 * random bytes in unpadded base64url (RFC 4648 §5), 43 characters. Only
 * HMAC-SHA256(pepper, secret bytes) is stored.
 *
 * Why an HMAC and not a password hash (Argon2, as for sign-in): the secret is 256 random bits,
 * not something a person chose, so there is nothing to guess and a slow hash would only slow
 * down every deposit request. The pepper (VERITY_API_KEY_PEPPER, kept outside the database)
 * means a stolen table alone cannot even be checked against a candidate key.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'vrt_';
const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
export const LOOKUP_ID_LENGTH = 12;
export const SECRET_BYTES = 32;
/** Unpadded base64url length of 32 bytes. */
export const SECRET_LENGTH = 43;

export const LOOKUP_ID_PATTERN = /^[a-z2-7]{12}$/;
const API_KEY_PATTERN = /^vrt_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

/** How a key looks, for error messages. */
export const API_KEY_FORM = 'vrt_<12 lowercase base32 characters>_<43 base64url characters>';

export interface GeneratedApiKey {
  key: string;
  lookupId: string;
  secret: Uint8Array;
}

export function generateApiKey(): GeneratedApiKey {
  // 32 divides 256, so taking each byte modulo 32 picks every character with equal chance.
  const lookupId = Array.from(randomBytes(LOOKUP_ID_LENGTH), (b) => BASE32_ALPHABET[b % 32]).join('');
  const secret = new Uint8Array(randomBytes(SECRET_BYTES));
  return { key: `${API_KEY_PREFIX}${lookupId}_${Buffer.from(secret).toString('base64url')}`, lookupId, secret };
}

/** Splits a key into its lookup id and secret bytes; null unless it has exactly the form above. */
export function parseApiKey(key: string): { lookupId: string; secret: Uint8Array } | null {
  const match = API_KEY_PATTERN.exec(key);
  const lookupId = match?.[1];
  const encoded = match?.[2];
  if (!lookupId || !encoded) return null;
  const secret = new Uint8Array(Buffer.from(encoded, 'base64url'));
  // 43 characters carry 258 bits; a last character with its 2 spare bits set decodes to the same
  // bytes. Refuse it, so that exactly one string is each key.
  if (Buffer.from(secret).toString('base64url') !== encoded) return null;
  return { lookupId, secret };
}

export function hashApiKeySecret(secret: Uint8Array, pepper: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHmac('sha256', pepper).update(secret).digest());
}
