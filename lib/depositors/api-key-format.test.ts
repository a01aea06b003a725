import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKeySecret, parseApiKey } from './api-key-format';

describe('API key format', () => {
  it('generates vrt_<12 base32>_<43 base64url> keys that parse back to their parts', () => {
    for (let i = 0; i < 50; i++) {
      const { key, lookupId, secret } = generateApiKey();
      expect(key).toMatch(/^vrt_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
      expect(secret).toHaveLength(32);
      expect(parseApiKey(key)).toEqual({ lookupId, secret });
    }
  });

  it('generates distinct keys', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().lookupId));
    expect(keys.size).toBe(200);
  });

  it('refuses a secret whose last character has its spare bits set (a second spelling of the same bytes)', () => {
    const { key } = generateApiKey();
    const canonicalLast = key.at(-1) ?? '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // Same top 4 bits, low 2 bits set: decodes to identical bytes.
    const twin = alphabet[alphabet.indexOf(canonicalLast) | 0b11] ?? '';
    expect(twin).not.toBe(canonicalLast);
    expect(parseApiKey(key.slice(0, -1) + twin)).toBeNull();
  });

  it('stores HMAC-SHA256(pepper, secret bytes), as node:crypto computes it', () => {
    const pepper = new Uint8Array(randomBytes(32));
    const secret = new Uint8Array(randomBytes(32));
    const expected = createHmac('sha256', pepper).update(secret).digest();
    expect(Buffer.from(hashApiKeySecret(secret, pepper)).equals(expected)).toBe(true);
  });
});
