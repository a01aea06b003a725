import { afterEach, describe, expect, it, vi } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { generateApiKey } from './api-key-format';
import { authenticateApiKey, KEY_CACHE_MS } from './authenticate-api-key';
import { revokeApiKey } from './revoke-api-key';
import { bearer, buildApiKey } from './testing';

const EXPECTED_FORM = 'Bearer vrt_<12 lowercase base32 characters>_<43 base64url characters>';

describe('authenticateApiKey', () => {
  it('authenticates a key as its organisation', async () => {
    const { id, key, org } = await buildApiKey();
    expect(await authenticateApiKey(bearer(key))).toEqual({
      ok: true,
      org: { id: org.id, name: org.name },
      apiKeyId: id,
      // No limits of its own: the server's defaults apply (deposit-limits.ts).
      limits: { ratePerMinute: null, burst: null, dailyQuota: null },
    });
  });

  it('accepts the scheme in any case (RFC 9110 §11.1)', async () => {
    const { key } = await buildApiKey();
    expect(await authenticateApiKey(`bearer ${key}`)).toMatchObject({ ok: true });
    expect(await authenticateApiKey(`BEARER ${key}`)).toMatchObject({ ok: true });
  });

  it('refuses a wrong secret and an unknown lookup id alike', async () => {
    const { key, lookupId } = await buildApiKey();
    const other = generateApiKey();
    const wrongSecret = `vrt_${lookupId}_${other.key.slice(-43)}`;
    const unknownLookup = `vrt_${other.lookupId}_${key.slice(-43)}`;
    const a = await authenticateApiKey(bearer(wrongSecret));
    const b = await authenticateApiKey(bearer(unknownLookup));
    expect(a).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: expect.stringContaining('not valid') });
    expect(b).toEqual(a);
  });

  it('refuses a missing or malformed header with UNAUTHENTICATED and the expected form', async () => {
    const { key, lookupId } = await buildApiKey();
    const secret = key.slice(-43);
    const malformed = [
      null,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${Buffer.from(`user:${key}`).toString('base64')}`,
      `Basic ${key}`,
      key,
      `Token ${key}`,
      `Bearer  ${key}`,
      ` Bearer ${key}`,
      `Bearer ${key} `,
      `Bearer\t${key}`,
      `Bearer ${key}\n`,
      `Bearer ${key}, Bearer ${key}`,
      `Bearer ${key.slice(0, -1)}`,
      `Bearer ${key}A`,
      `Bearer vrt_${lookupId.slice(1)}_${secret}`,
      `Bearer vrt_${lookupId}a_${secret}`,
      `Bearer vrt_${lookupId.toUpperCase()}_${secret}`,
      `Bearer vrt_${lookupId.slice(0, -1)}1_${secret}`,
      `Bearer VRT_${lookupId}_${secret}`,
      `Bearer vrt-${lookupId}-${secret}`,
      `Bearer vrt_${lookupId}${secret}`,
      `Bearer vrt_${lookupId}_${secret.slice(0, -1)}+`,
      `Bearer vrt_${lookupId}_${secret.slice(0, -1)}/`,
      `Bearer vrt_${lookupId}_${secret}=`,
      `Bearer vrt_${lookupId}_${secret.slice(0, -1)}é`,
      `Bearer ${'x'.repeat(10_000)}`,
    ];
    for (const header of malformed) {
      const result = await authenticateApiKey(header);
      expect(result, JSON.stringify(header)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      if (!result.ok) expect(result.message).toContain(EXPECTED_FORM);
    }
  });

  it('refuses a revoked key with KEY_REVOKED, but only to a caller holding its secret', async () => {
    const { admin, id, key, lookupId } = await buildApiKey();
    const revoked = await revokeApiKey(admin, { apiKeyId: id });
    expect(await authenticateApiKey(bearer(key))).toEqual({
      ok: false,
      code: 'KEY_REVOKED',
      message: expect.stringContaining(revoked.revokedAt?.toISOString() ?? 'never'),
    });
    const guess = `vrt_${lookupId}_${generateApiKey().key.slice(-43)}`;
    expect(await authenticateApiKey(bearer(guess))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  describe('the per-process cache of key records', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('notices a revocation made by another process within KEY_CACHE_MS', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const { key, id } = await buildApiKey();
      expect(await authenticateApiKey(bearer(key))).toMatchObject({ ok: true });
      // As the operator's CLI in another process would: straight to the database.
      await getPool().query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
      vi.advanceTimersByTime(KEY_CACHE_MS / 2);
      expect(await authenticateApiKey(bearer(key))).toMatchObject({ ok: true }); // still within the window
      vi.advanceTimersByTime(KEY_CACHE_MS);
      expect(await authenticateApiKey(bearer(key))).toMatchObject({ ok: false, code: 'KEY_REVOKED' });
    });

    it('never lets a cached record accept a wrong secret', async () => {
      const { key, lookupId } = await buildApiKey();
      expect(await authenticateApiKey(bearer(key))).toMatchObject({ ok: true });
      const wrong = `vrt_${lookupId}_${generateApiKey().key.slice(-43)}`;
      expect(await authenticateApiKey(bearer(wrong))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    });
  });
});
