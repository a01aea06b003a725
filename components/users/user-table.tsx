import { getFormatter, getTranslations } from 'next-intl/server';
import { StackedTable } from '@/components/ui/stacked-table';
import type { UserSummary } from '@/lib/auth/list-users';

export async function UserTable({ users }: { users: UserSummary[] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const head = [t('users.name'), t('users.email'), t('users.role'), t('users.status'), t('users.created')];
  const rows = users.map((u) => ({
    key: u.id,
    cells: [
      u.name,
      <span key="e" className="font-mono text-[0.95em]">
        {u.email}
      </span>,
      u.depositorOrgName ? (
        <span key="r">
          {t(`roles.${u.role}`)}
          <span className="block text-sm text-slate-600">{u.depositorOrgName}</span>
        </span>
      ) : (
        t(`roles.${u.role}`)
      ),
      u.disabled ? t('users.disabled') : t('users.active'),
      format.dateTime(u.createdAt, { dateStyle: 'medium' }),
    ],
  }));
  return <StackedTable head={head} rows={rows} testId="user-table" wrap={[0, 1, 2]} keep={[3, 4]} />;
}
