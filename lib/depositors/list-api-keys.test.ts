import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApiKey } from './create-api-key';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';
import { buildAdmin, buildDepositorOrg } from './testing';

describe('listApiKeys', () => {
  it('lists an organisation’s keys, revoked ones too, without hashes', async () => {
    const admin = await buildAdmin();
    const org = await buildDepositorOrg();
    const other = await buildDepositorOrg();
    const a = await createApiKey(admin, { orgId: org.id, label: 'first' });
    const b = await createApiKey(admin, { orgId: org.id, label: 'second' });
    await createApiKey(admin, { orgId: other.id, label: 'not theirs' });
    await revokeApiKey(admin, { apiKeyId: a.id });

    const keys = await listApiKeys(admin, { orgId: org.id });
    expect(keys.map((k) => k.id).sort()).toEqual([a.id, b.id].sort());
    expect(keys.find((k) => k.id === a.id)).toMatchObject({ label: 'first', revokedAt: expect.any(Date) });
    expect(keys.find((k) => k.id === b.id)).toEqual({
      id: b.id,
      lookupId: b.lookupId,
      label: 'second',
      createdAt: expect.any(Date),
      revokedAt: null,
      lastUsedAt: null,
      ratePerMinute: null,
      rateBurst: null,
      dailyQuota: null,
    });
    expect(JSON.stringify(keys)).not.toMatch(/secret|hash|vrt_/i);
  });

  it('answers NOT_FOUND for an unknown organisation', async () => {
    const admin = await buildAdmin();
    await expect(listApiKeys(admin, { orgId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
