import { getFormatter, getTranslations } from 'next-intl/server';
import type { UserSummary } from '@/lib/auth/list-users';

export async function UserTable({ users }: { users: UserSummary[] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const head = [t('users.name'), t('users.email'), t('users.role'), t('users.status'), t('users.created')];
  return (
    <table className="w-full border-collapse text-left" data-testid="user-table">
      <thead className="sr-only md:not-sr-only">
        <tr className="border-b-2 border-slate-800">
          {head.map((h) => (
            <th key={h} scope="col" className="px-2 py-2 font-semibold">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {users.map((u) => {
          const cells = [
            u.name,
            <span key="e" className="break-all font-mono text-[0.95em]">
              {u.email}
            </span>,
            t(`roles.${u.role}`),
            u.disabled ? t('users.disabled') : t('users.active'),
            format.dateTime(u.createdAt, { dateStyle: 'medium' }),
          ];
          return (
            <tr key={u.id} className="block border-b border-slate-300 py-2 md:table-row md:py-0">
              {cells.map((cell, i) => (
                <td key={head[i]} className="flex gap-2 px-2 py-1 md:table-cell md:py-3">
                  <span aria-hidden="true" className="w-24 shrink-0 text-slate-600 md:hidden">
                    {head[i]}
                  </span>
                  <span>{cell}</span>
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
