import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requireRole } from '@/lib/auth/session';

/** The administration pages: people, invitations, depositors, the court. Each page checks the role too. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireRole('admin');
  const t = await getTranslations('admin.nav');
  const links = [
    ['/admin/users', t('people')],
    ['/admin/invitations', t('invitations')],
    ['/admin/depositors', t('depositors')],
    ['/admin/court', t('court')],
  ] as const;
  return (
    <div className="space-y-6">
      <nav aria-label={t('label')} className="border-b-2 border-slate-300 pb-3">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {links.map(([href, label]) => (
            <li key={href}>
              <Link
                href={href}
                className="font-semibold text-court-700 underline underline-offset-4 hover:no-underline"
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
