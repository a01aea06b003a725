import { describe, expect, it } from 'vitest';
import { listDepositorOrgs } from './list-depositor-orgs';
import { buildAdmin, buildDepositorOrg } from './testing';

describe('listDepositorOrgs', () => {
  it('lists organisations as small summaries', async () => {
    const admin = await buildAdmin();
    const org = await buildDepositorOrg();
    const orgs = await listDepositorOrgs(admin);
    expect(orgs).toContainEqual({ id: org.id, name: org.name, createdAt: org.createdAt });
  });
});
