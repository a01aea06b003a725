import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { roleActor } from '@/test/builders';
import { authenticateApiKey } from './authenticate-api-key';
import { setApiKeyLimits } from './set-api-key-limits';
import { bearer, buildApiKey } from './testing';

const limits = { ratePerMinute: 120, burst: 50, dailyQuota: 5000 };

describe('setApiKeyLimits', () => {
  it('sets a key’s limits, audited with the values before and after, and authentication sees them at once', async () => {
    const { admin, id, key, lookupId } = await buildApiKey();
    expect(await authenticateApiKey(bearer(key))).toMatchObject({
      limits: { ratePerMinute: null, burst: null, dailyQuota: null },
    });
    const set = await setApiKeyLimits(admin, { apiKeyId: id, ...limits });
    expect(set).toMatchObject({ id, changed: true, ratePerMinute: 120, rateBurst: 50, dailyQuota: 5000 });
    expect(await authenticateApiKey(bearer(key))).toMatchObject({ limits });

    const back = await setApiKeyLimits(admin, { apiKeyId: id, ratePerMinute: null, burst: null, dailyQuota: 9 });
    expect(back).toMatchObject({ changed: true, ratePerMinute: null, rateBurst: null, dailyQuota: 9 });
    const events = await getDb().auditEvent.findMany({
      where: { subjectId: id, action: 'depositor.api_key_limits_set' },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => ({ actorId: e.actorId, details: e.details }))).toEqual([
      {
        actorId: admin.id,
        details: { lookupId, before: { ratePerMinute: null, burst: null, dailyQuota: null }, after: limits },
      },
      {
        actorId: admin.id,
        details: { lookupId, before: limits, after: { ratePerMinute: null, burst: null, dailyQuota: 9 } },
      },
    ]);
  });

  it('changes nothing and records nothing when the values are the same', async () => {
    const { admin, id } = await buildApiKey();
    await setApiKeyLimits(admin, { apiKeyId: id, ...limits });
    expect(await setApiKeyLimits(admin, { apiKeyId: id, ...limits })).toMatchObject({ changed: false });
    expect(await getDb().auditEvent.count({ where: { subjectId: id, action: 'depositor.api_key_limits_set' } })).toBe(
      1,
    );
  });

  it.each(['clerk', 'judge', 'litigant', 'depositor'] as const)(
    'refuses a %s (FORBIDDEN) and changes nothing',
    async (role) => {
      const { id } = await buildApiKey();
      await expect(setApiKeyLimits(roleActor(role), { apiKeyId: id, ...limits })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      // Refused before the input is read: a malformed request from a non-admin is FORBIDDEN too.
      await expect(
        setApiKeyLimits(roleActor(role), { apiKeyId: 'x', ratePerMinute: -1, burst: null, dailyQuota: null }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await getDb().apiKey.findUniqueOrThrow({ where: { id }, select: { dailyQuota: true } })).toEqual({
        dailyQuota: null,
      });
    },
  );

  it('validates every value (whole, at least 1, at most 2^31 − 1, or null) and the key', async () => {
    const { admin, id } = await buildApiKey();
    for (const bad of [
      { ratePerMinute: 0 },
      { burst: 1.5 },
      { dailyQuota: 2 ** 31 },
      { ratePerMinute: '60' as unknown as number },
      { apiKeyId: 'not-a-uuid' },
    ]) {
      await expect(setApiKeyLimits(admin, { apiKeyId: id, ...limits, ...bad })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
    await expect(setApiKeyLimits(admin, { apiKeyId: randomUUID(), ...limits })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
