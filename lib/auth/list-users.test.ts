import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildUser } from '@/test/builders';
import { listUsers } from './list-users';

describe('listUsers', () => {
  it('lists accounts for an administrator without their password hashes', async () => {
    const admin = await buildUser({ role: 'admin' });
    const disabled = await buildUser({ disabled: true });
    const users = await listUsers(admin.actor);
    expect(users.find((u) => u.id === disabled.user.id)).toMatchObject({ disabled: true, role: 'litigant' });
    expect(JSON.stringify(users)).not.toContain('argon2');
  });

  it("names a depositor account's organisation", async () => {
    const admin = await buildUser({ role: 'admin' });
    const depositor = await buildUser({ role: 'depositor' });
    const org = await getDb().depositorOrg.findUniqueOrThrow({ where: { id: depositor.user.depositorOrgId ?? '' } });
    const users = await listUsers(admin.actor);
    expect(users.find((u) => u.id === depositor.user.id)).toMatchObject({
      role: 'depositor',
      depositorOrgName: org.name,
    });
    expect(users.find((u) => u.id === admin.user.id)?.depositorOrgName).toBeNull();
  });

  it.each(['litigant', 'judge', 'clerk', 'depositor'] as const)('refuses a %s', async (role) => {
    const { actor } = await buildUser({ role });
    await expect(listUsers(actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
