import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { buildUser, tag } from '@/test/builders';
import { createDepositorOrg } from './create-depositor-org';
import { listDepositorKeys } from './list-depositor-keys';
import { registerDepositorKey } from './register-depositor-key';
import { renameDepositorOrg } from './rename-depositor-org';
import { revokeDepositorKey } from './revoke-depositor-key';
import { getDepositorOrg, searchDepositorOrgs } from './search-depositor-orgs';
import { buildAdmin, ed25519PublicKey } from './testing';

async function actions(subjectId: string): Promise<string[]> {
  const { rows } = await getPool().query<{ action: string }>(
    'SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY seq',
    [subjectId],
  );
  return rows.map((r) => r.action);
}

describe('renameDepositorOrg', () => {
  it('renames, as a custody-log event; the same name again changes nothing', async () => {
    const admin = await buildAdmin();
    const org = await createDepositorOrg(admin, { name: `Old ${tag()}` });
    const name = `New ${tag()}`;
    expect(await renameDepositorOrg(admin, { orgId: org.id, name })).toMatchObject({ name, changed: true });
    expect(await renameDepositorOrg(admin, { orgId: org.id, name })).toMatchObject({ changed: false });
    expect(await actions(org.id)).toEqual(['depositor.org_created', 'depositor.org_renamed']);
  });

  it("refuses another organisation's name, an unknown organisation, bad input and non-admins", async () => {
    const admin = await buildAdmin();
    const a = await createDepositorOrg(admin, { name: `A ${tag()}` });
    const b = await createDepositorOrg(admin, { name: `B ${tag()}` });
    await expect(renameDepositorOrg(admin, { orgId: a.id, name: b.name })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'ORG_NAME_TAKEN' },
    });
    await expect(renameDepositorOrg(admin, { orgId: randomUUID(), name: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(renameDepositorOrg(admin, { orgId: a.id, name: 'a\u0007b' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const { actor: judge } = await buildUser({ role: 'judge' });
    await expect(renameDepositorOrg(judge, { orgId: a.id, name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getDepositorOrg(admin, a.id))?.name).toBe(a.name);
  });
});

describe('searchDepositorOrgs and listDepositorKeys', () => {
  it('find organisations by name with their counts, and list signing keys with revocations', async () => {
    const admin = await buildAdmin();
    const t = tag();
    const org = await createDepositorOrg(admin, { name: `Searchable ${t}` });
    const key = await registerDepositorKey(admin, {
      orgId: org.id,
      algorithm: 'ed25519',
      publicKey: ed25519PublicKey(),
      label: 'signer',
    });
    const found = await searchDepositorOrgs(admin, { q: `searchable ${t}` });
    expect(found.items).toEqual([
      expect.objectContaining({ id: org.id, depositCount: 0, activeApiKeys: 0, activeSigningKeys: 1, accounts: 0 }),
    ]);
    await revokeDepositorKey(admin, { depositorKeyId: key.id });
    const keys = await listDepositorKeys(admin, org.id);
    expect(keys).toEqual([expect.objectContaining({ id: key.id, revokedAt: expect.any(Date) })]);
    expect(Buffer.from(keys[0]?.publicKeyBase64 ?? '', 'base64')).toHaveLength(32);
    expect(await actions(key.id)).toEqual(['depositor.signing_key_registered', 'depositor.signing_key_revoked']);
    const { actor: clerk } = await buildUser({ role: 'clerk' });
    await expect(searchDepositorOrgs(clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listDepositorKeys(clerk, org.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
