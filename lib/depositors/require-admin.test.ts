import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { buildUser, tag } from '@/test/builders';
import { createApiKey } from './create-api-key';
import { createDepositorOrg } from './create-depositor-org';
import { findDepositorOrg } from './find-depositor-org';
import { listApiKeys } from './list-api-keys';
import { listDepositorOrgs } from './list-depositor-orgs';
import { registerDepositorKey } from './register-depositor-key';
import { revokeApiKey } from './revoke-api-key';
import { revokeDepositorKey } from './revoke-depositor-key';
import { buildAdmin, buildApiKey, ed25519PublicKey } from './testing';

/** Every operation that manages depositors, with valid input, so that only the role can stop it. */
async function adminOperations() {
  const { admin, org, id: apiKeyId } = await buildApiKey();
  const signingKey = await registerDepositorKey(admin, {
    orgId: org.id,
    algorithm: 'ed25519',
    publicKey: ed25519PublicKey(),
    label: 'k',
  });
  const newOrgName = `Depositor ${tag()}`;
  const operations: Record<string, (actor: Actor) => Promise<unknown>> = {
    createDepositorOrg: (actor) => createDepositorOrg(actor, { name: newOrgName }),
    listDepositorOrgs: (actor) => listDepositorOrgs(actor),
    findDepositorOrg: (actor) => findDepositorOrg(actor, { name: org.name }),
    createApiKey: (actor) => createApiKey(actor, { orgId: org.id, label: 'x' }),
    listApiKeys: (actor) => listApiKeys(actor, { orgId: org.id }),
    revokeApiKey: (actor) => revokeApiKey(actor, { apiKeyId }),
    registerDepositorKey: (actor) =>
      registerDepositorKey(actor, { orgId: org.id, algorithm: 'ed25519', publicKey: ed25519PublicKey(), label: 'y' }),
    revokeDepositorKey: (actor) => revokeDepositorKey(actor, { depositorKeyId: signingKey.id }),
  };
  return { org, apiKeyId, signingKeyId: signingKey.id, newOrgName, operations };
}

describe('administrator-only operations', () => {
  it.each(['litigant', 'judge', 'clerk'] as const)('refuse a %s with FORBIDDEN and change nothing', async (role) => {
    const { actor } = await buildUser({ role });
    const { org, apiKeyId, signingKeyId, newOrgName, operations } = await adminOperations();
    for (const [name, operation] of Object.entries(operations)) {
      await expect(operation(actor), name).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const db = getDb();
    expect(await db.depositorOrg.count({ where: { name: newOrgName } })).toBe(0);
    expect(await db.apiKey.count({ where: { orgId: org.id } })).toBe(1);
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: apiKeyId } })).toMatchObject({ revokedAt: null });
    expect(await db.depositorKey.count({ where: { orgId: org.id } })).toBe(1);
    expect(await db.depositorKey.findUniqueOrThrow({ where: { id: signingKeyId } })).toMatchObject({ revokedAt: null });
  });

  it('refuse before looking at the input, so a non-administrator learns nothing from errors', async () => {
    const { actor } = await buildUser({ role: 'clerk' });
    await expect(createApiKey(actor, { orgId: 'not-a-uuid', label: '' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it("refuse a depositor account, even for its own organisation's keys", async () => {
    const { actor } = await buildUser({ role: 'depositor' });
    const orgId = actor.depositorOrgId ?? '';
    await expect(createApiKey(actor, { orgId, label: 'mine' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listApiKeys(actor, { orgId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await getDb().apiKey.count({ where: { orgId } })).toBe(0);
  });

  it('allow an administrator', async () => {
    const admin = await buildAdmin();
    const { operations } = await adminOperations();
    for (const [name, operation] of Object.entries(operations)) {
      await expect(operation(admin), name).resolves.toBeDefined();
    }
  });
});
