import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CaseTable } from '@/components/cases/case-table';
import { LatestNotifications } from '@/components/notifications/latest-notifications';
import { UserTable } from '@/components/users/user-table';
import { listUsers } from '@/lib/auth/list-users';
import { requireUser } from '@/lib/auth/session';
import { getCourtName } from '@/lib/cases/get-court-name';
import { listCasesForUser } from '@/lib/cases/list-cases-for-user';
import { ownDepositorOrg } from '@/lib/depositors/own-depositor-org';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('home');
  return { title: t('pageTitle') };
}

/**
 * Each role lands on what it works with: parties and judges their cases, clerks the docket,
 * admins accounts, depositors the way to deposit files.
 */
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

  if (user.role === 'depositor') {
    const org = await ownDepositorOrg(user);
    return (
      <section aria-labelledby="home-heading" data-home-role="depositor">
        <Greeting name={user.name} />
        <h2 id="home-heading" className="text-2xl font-bold">
          {t('depositor.heading')}
        </h2>
        <p className="mb-6 max-w-prose text-slate-700">{t('depositor.intro', { org: org?.name ?? '' })}</p>
        <p className="flex flex-wrap items-center gap-x-6 gap-y-3">
          <Link
            href="/deposit"
            className="inline-block bg-court-700 px-5 py-2.5 font-semibold text-white no-underline shadow-[0_2px_0_#0b2545] hover:bg-court-800"
          >
            {t('depositor.action')}
          </Link>
          <Link href="/verify" className="text-court-700 underline underline-offset-4 hover:no-underline">
            {t('depositor.verify')}
          </Link>
        </p>
      </section>
    );
  }

  const cases = await listCasesForUser(user);
  const courtName = user.role === 'clerk' ? await getCourtName(user) : '';
  return (
    <section aria-labelledby="home-heading" data-home-role={user.role}>
      <Greeting name={user.name} />
      <LatestNotifications user={user} />
      <h2 id="home-heading" className="text-2xl font-bold">
        {t(`${user.role}.heading`)}
      </h2>
      <p className="mb-1 text-slate-700">{t(`${user.role}.intro`, { court: courtName })}</p>
      <p className="mb-6 text-sm text-slate-600">{t('caseCount', { count: cases.length })}</p>
      {user.role === 'clerk' ? <NewCaseButton /> : null}
      {cases.length > 0 ? <CaseTable cases={cases} /> : <p>{t('noCases')}</p>}
    </section>
  );
}

async function NewCaseButton() {
  const t = await getTranslations('docket.new');
  return (
    <p className="mb-6">
      <Link
        href="/cases/new"
        className="inline-block bg-court-700 px-5 py-2.5 font-semibold text-white no-underline shadow-[0_2px_0_#0b2545] hover:bg-court-800"
      >
        {t('button')}
      </Link>
    </p>
  );
}

async function Greeting({ name }: { name: string }) {
  const t = await getTranslations('home');
  return <h1 className="mb-6 text-3xl font-bold">{t('greeting', { name })}</h1>;
}
