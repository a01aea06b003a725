import { describe, expect, it } from 'vitest';
import { activeDepositorKeys } from './active-depositor-keys';
import { registerDepositorKey } from './register-depositor-key';
import { revokeDepositorKey } from './revoke-depositor-key';
import { buildAdmin, buildDepositorOrg, ed25519PublicKey, sm2PublicKey } from './testing';

describe('activeDepositorKeys', () => {
  it('returns the organisation’s non-revoked keys as bytes, and no one else’s', async () => {
    const admin = await buildAdmin();
    const org = await buildDepositorOrg();
    const other = await buildDepositorOrg();
    const edKey = ed25519PublicKey();
    const smKey = sm2PublicKey();
    const ed = await registerDepositorKey(admin, { orgId: org.id, algorithm: 'ed25519', publicKey: edKey, label: 'a' });
    const sm = await registerDepositorKey(admin, { orgId: org.id, algorithm: 'sm2', publicKey: smKey, label: 'b' });
    const gone = await registerDepositorKey(admin, {
      orgId: org.id,
      algorithm: 'ed25519',
      publicKey: ed25519PublicKey(),
      label: 'c',
    });
    await registerDepositorKey(admin, {
      orgId: other.id,
      algorithm: 'ed25519',
      publicKey: ed25519PublicKey(),
      label: 'd',
    });
    await revokeDepositorKey(admin, { depositorKeyId: gone.id });

    const keys = await activeDepositorKeys(org.id);
    expect(keys.map((k) => k.id).sort()).toEqual([ed.id, sm.id].sort());
    const byId = new Map(keys.map((k) => [k.id, k]));
    expect(byId.get(ed.id)).toEqual({ id: ed.id, algorithm: 'ed25519', publicKey: expect.any(Uint8Array) });
    expect(Buffer.from(byId.get(ed.id)?.publicKey ?? []).equals(Buffer.from(edKey))).toBe(true);
    expect(Buffer.from(byId.get(sm.id)?.publicKey ?? []).equals(Buffer.from(smKey))).toBe(true);
  });

  it('returns nothing for an organisation without keys and refuses a malformed id', async () => {
    const org = await buildDepositorOrg();
    expect(await activeDepositorKeys(org.id)).toEqual([]);
    await expect(activeDepositorKeys('not-a-uuid')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
