import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { UserTable } from '@/components/users/user-table';
import { listUsers } from '@/lib/auth/list-users';
import { requireRole } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('users');
  return { title: t('pageTitle') };
}

export default async function UsersPage() {
  const admin = await requireRole('admin');
  const users = await listUsers(admin);
  const t = await getTranslations('users');
  return (
    <section aria-labelledby="users-heading">
      <h1 id="users-heading" className="mb-6 text-3xl font-bold">
        {t('heading')}
      </h1>
      <UserTable users={users} />
    </section>
  );
}
