import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CaseTable } from '@/components/cases/case-table';
import { UserTable } from '@/components/users/user-table';
import { listUsers } from '@/lib/auth/list-users';
import { requireUser } from '@/lib/auth/session';
import { getCourtName } from '@/lib/cases/get-court-name';
import { listCasesForUser } from '@/lib/cases/list-cases-for-user';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('home');
  return { title: t('pageTitle') };
}

/** Each role lands on what it works with: parties and judges their cases, clerks the docket, admins accounts. */
export default async function HomePage() {
  const user = await requireUser();
  const t = await getTranslations('home');

  if (user.role === 'admin') {
    const users = await listUsers(user);
    return (
      <section aria-labelledby="home-heading" data-home-role="admin">
        <Greeting name={user.name} />
        <h2 id="home-heading" className="text-2xl font-bold">
          {t('admin.heading')}
        </h2>
        <p className="mb-6 text-slate-700">{t('admin.intro')}</p>
        <UserTable users={users} />
      </section>
    );
  }

  const cases = await listCasesForUser(user);
  const courtName = user.role === 'clerk' ? await getCourtName(user) : '';
  return (
    <section aria-labelledby="home-heading" data-home-role={user.role}>
      <Greeting name={user.name} />
      <h2 id="home-heading" className="text-2xl font-bold">
        {t(`${user.role}.heading`)}
      </h2>
      <p className="mb-1 text-slate-700">{t(`${user.role}.intro`, { court: courtName })}</p>
      <p className="mb-6 text-sm text-slate-600">{t('caseCount', { count: cases.length })}</p>
      {cases.length > 0 ? <CaseTable cases={cases} /> : <p>{t('noCases')}</p>}
    </section>
  );
}

async function Greeting({ name }: { name: string }) {
  const t = await getTranslations('home');
  return <h1 className="mb-6 text-3xl font-bold">{t('greeting', { name })}</h1>;
}
