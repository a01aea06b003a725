import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey } from './api-key-format';
import { authenticateApiKey } from './authenticate-api-key';
import { revokeApiKey } from './revoke-api-key';
import { bearer, buildApiKey } from './testing';

describe('revokeApiKey', () => {
  it('revokes by id; revoking again keeps the first time', async () => {
    const { admin, id, lookupId } = await buildApiKey();
    const first = await revokeApiKey(admin, { apiKeyId: id });
    expect(first).toMatchObject({ id, lookupId, revokedAt: expect.any(Date) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await revokeApiKey(admin, { apiKeyId: id });
    expect(second.revokedAt).toEqual(first.revokedAt);
  });

  it('revokes by lookup id, leaving the organisation’s other keys working', async () => {
    const { admin, lookupId, key } = await buildApiKey();
    const other = await buildApiKey();
    await revokeApiKey(admin, { lookupId });
    expect(await authenticateApiKey(bearer(key))).toMatchObject({ code: 'KEY_REVOKED' });
    expect(await authenticateApiKey(bearer(other.key))).toMatchObject({ ok: true });
  });

  it('answers NOT_FOUND for an unknown key', async () => {
    const { admin } = await buildApiKey();
    await expect(revokeApiKey(admin, { apiKeyId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revokeApiKey(admin, { lookupId: generateApiKey().lookupId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('wants exactly one well-formed identifier', async () => {
    const { admin, id, lookupId } = await buildApiKey();
    for (const bad of [{}, { apiKeyId: id, lookupId }, { lookupId: 'UPPERCASE123' }, { apiKeyId: 'x' }]) {
      await expect(revokeApiKey(admin, bad as { apiKeyId: string })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
  });
});
