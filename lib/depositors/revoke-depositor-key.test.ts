import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { registerDepositorKey } from './register-depositor-key';
import { revokeDepositorKey } from './revoke-depositor-key';
import { buildAdmin, buildDepositorOrg, sm2PublicKey } from './testing';

describe('revokeDepositorKey', () => {
  it('revokes a signing key; revoking again keeps the first time', async () => {
    const admin = await buildAdmin();
    const org = await buildDepositorOrg();
    const key = await registerDepositorKey(admin, {
      orgId: org.id,
      algorithm: 'sm2',
      publicKey: sm2PublicKey(),
      label: 'k',
    });
    const first = await revokeDepositorKey(admin, { depositorKeyId: key.id });
    expect(first).toMatchObject({ id: key.id, algorithm: 'sm2', revokedAt: expect.any(Date) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await revokeDepositorKey(admin, { depositorKeyId: key.id })).revokedAt).toEqual(first.revokedAt);
  });

  it('answers NOT_FOUND for an unknown key and VALIDATION_FAILED for a malformed id', async () => {
    const admin = await buildAdmin();
    await expect(revokeDepositorKey(admin, { depositorKeyId: randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(revokeDepositorKey(admin, { depositorKeyId: '42' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
