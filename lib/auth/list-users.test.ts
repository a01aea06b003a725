import { describe, expect, it } from 'vitest';
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

  it.each(['litigant', 'judge', 'clerk'] as const)('refuses a %s', async (role) => {
    const { actor } = await buildUser({ role });
    await expect(listUsers(actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
