import { describe, expect, it } from 'vitest';
import { tag } from '@/test/builders';
import { findDepositorOrg } from './find-depositor-org';
import { buildAdmin, buildDepositorOrg } from './testing';

describe('findDepositorOrg', () => {
  it('finds an organisation by its exact name', async () => {
    const admin = await buildAdmin();
    const org = await buildDepositorOrg();
    expect(await findDepositorOrg(admin, { name: org.name })).toEqual({
      id: org.id,
      name: org.name,
      createdAt: org.createdAt,
    });
    await expect(findDepositorOrg(admin, { name: org.name.toUpperCase() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('answers NOT_FOUND for an unknown name', async () => {
    const admin = await buildAdmin();
    await expect(findDepositorOrg(admin, { name: `nobody ${tag()}` })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
