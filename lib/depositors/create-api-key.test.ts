import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { createApiKey } from './create-api-key';
import { buildAdmin, buildApiKey } from './testing';

describe('createApiKey', () => {
  it('returns the whole key once and stores only the lookup id and an HMAC of the secret', async () => {
    const { id, key, lookupId, org } = await buildApiKey();
    expect(key.startsWith(`vrt_${lookupId}_`)).toBe(true);
    const secretText = key.slice(`vrt_${lookupId}_`.length);
    const secret = Buffer.from(secretText, 'base64url');

    // Every column of the row, as PostgreSQL holds it.
    const rows = await getDb().$queryRaw<Array<Record<string, unknown>>>`SELECT * FROM api_keys WHERE id = ${id}::uuid`;
    const row = rows[0] ?? {};
    expect(row).toMatchObject({ org_id: org.id, lookup_id: lookupId, revoked_at: null });
    const stored = Buffer.concat(
      Object.values(row).map((v) => (v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(String(v)))),
    );
    for (const needle of [key, secretText, secret, secret.subarray(0, 8), secret.toString('hex')]) {
      expect(stored.includes(needle)).toBe(false);
    }
    const pepper = Buffer.from(process.env.VERITY_API_KEY_PEPPER ?? '', 'base64url');
    const hash = Buffer.from(row.secret_hash as Uint8Array);
    expect(hash.equals(createHmac('sha256', pepper).update(secret).digest())).toBe(true);
  });

  it('refuses an unknown organisation with NOT_FOUND', async () => {
    const admin = await buildAdmin();
    await expect(createApiKey(admin, { orgId: randomUUID(), label: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses a malformed org id or label with VALIDATION_FAILED naming the field', async () => {
    const admin = await buildAdmin();
    await expect(createApiKey(admin, { orgId: 'not-a-uuid', label: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('orgId'),
    });
    await expect(createApiKey(admin, { orgId: randomUUID(), label: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('label must not be empty'),
    });
  });
});
