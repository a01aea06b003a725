/** An organisation's API keys and signing keys a page at a time for its admin page (issue #17). */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '@/lib/accounts/paging';
import { buildUser, tag } from '@/test/builders';
import { createApiKey } from './create-api-key';
import { createDepositorOrg } from './create-depositor-org';
import { listApiKeys, listApiKeysPage } from './list-api-keys';
import { listDepositorKeysPage } from './list-depositor-keys';
import { registerDepositorKey } from './register-depositor-key';
import { buildAdmin, ed25519PublicKey } from './testing';

describe('listApiKeysPage and listDepositorKeysPage', () => {
  it('give 25 a page, newest first, with the whole list counted; beyond the end the last page', async () => {
    const admin = await buildAdmin();
    const org = await createDepositorOrg(admin, { name: `Rotating ${tag()}` });
    const other = await createDepositorOrg(admin, { name: `Other ${tag()}` });
    await createApiKey(admin, { orgId: other.id, label: 'not ours' });
    for (let i = 0; i < PAGE_SIZE + 3; i++) {
      await createApiKey(admin, { orgId: org.id, label: `key ${i}` });
      await registerDepositorKey(admin, {
        orgId: org.id,
        algorithm: 'ed25519',
        publicKey: ed25519PublicKey(),
        label: `signer ${i}`,
      });
    }
    const all = (await listApiKeys(admin, { orgId: org.id })).map((k) => k.id);
    const first = await listApiKeysPage(admin, { orgId: org.id });
    expect(first).toMatchObject({ total: PAGE_SIZE + 3, page: 1, pages: 2 });
    expect(first.items.map((k) => k.id)).toEqual(all.slice(0, PAGE_SIZE));
    const second = await listApiKeysPage(admin, { orgId: org.id, page: 2 });
    expect(second.items.map((k) => k.id)).toEqual(all.slice(PAGE_SIZE));
    expect((await listApiKeysPage(admin, { orgId: org.id, page: 9 })).page).toBe(2);

    const signing = await listDepositorKeysPage(admin, org.id);
    expect(signing).toMatchObject({ total: PAGE_SIZE + 3, page: 1, pages: 2 });
    expect(signing.items[0]?.label).toBe(`signer ${PAGE_SIZE + 2}`); // newest first
    const last = await listDepositorKeysPage(admin, org.id, { page: 7 });
    expect(last.page).toBe(2);
    expect(last.items.map((k) => k.label)).toEqual(['signer 2', 'signer 1', 'signer 0']);
    expect(last.items[0]?.publicKeyBase64).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('refuse anyone but an administrator, a malformed page or organisation, and an unknown organisation', async () => {
    const admin = await buildAdmin();
    const org = await createDepositorOrg(admin, { name: `Guarded ${tag()}` });
    const clerk = (await buildUser({ role: 'clerk' })).actor;
    await expect(listApiKeysPage(clerk, { orgId: org.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listDepositorKeysPage(clerk, org.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listApiKeysPage(admin, { orgId: org.id, page: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(listDepositorKeysPage(admin, org.id, { page: 1.5 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(listDepositorKeysPage(admin, 'not-a-uuid')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(listApiKeysPage(admin, { orgId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await listApiKeysPage(admin, { orgId: org.id })).toMatchObject({ items: [], total: 0, page: 1, pages: 1 });
  });
});
