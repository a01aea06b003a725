import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { AdminForm } from '@/components/admin/admin-form';
import { getAccount } from '@/lib/accounts/list-accounts';
import { requireRole } from '@/lib/auth/session';
import { listDepositorOrgs } from '@/lib/depositors/list-depositor-orgs';
import { forPage } from '@/lib/errors/for-page';
import { changeAccountRoleAction, sendPasswordResetAction, setAccountDisabledAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.person');
  return { title: t('pageTitle') };
}

/** One person: their role (staff), disable or enable, and a password-reset link. */
export default async function PersonPage({ params }: { params: Promise<{ userId: string }> }) {
  const admin = await requireRole('admin');
  const { userId } = await params;
  const person = await forPage(getAccount(admin, userId));
  const orgs = person.role === 'litigant' ? [] : await listDepositorOrgs(admin);
  const t = await getTranslations();
  const messages = await getMessages();
  const staffRoles = ['judge', 'clerk', 'admin', 'depositor'] as const;
  return (
    <div className="max-w-3xl space-y-10">
      <header>
        <p className="mb-4">
          <Link href="/admin/users" className="text-court-700 underline underline-offset-4">
            {t('admin.person.back')}
          </Link>
        </p>
        <h1 className="mb-2 text-3xl font-bold break-words">{person.name}</h1>
        <p className="font-mono break-all">{person.email}</p>
        <p data-testid="person-summary">
          {t(`roles.${person.role}`)}
          {person.depositorOrgName ? ` · ${person.depositorOrgName}` : ''} ·{' '}
          {person.disabled ? t('admin.people.disabled') : t('admin.people.active')}
        </p>
      </header>
      <NextIntlClientProvider messages={{ admin: messages.admin }}>
        {person.role === 'litigant' ? (
          <p className="max-w-prose">{t('admin.person.partyRole')}</p>
        ) : (
          <section aria-labelledby="role-heading">
            <h2 id="role-heading" className="mb-4 text-2xl font-bold">
              {t('admin.person.roleHeading')}
            </h2>
            <AdminForm
              id="role"
              testId="role-form"
              action={changeAccountRoleAction}
              submitLabel={t('admin.person.changeRole')}
              fields={[
                { name: 'userId', label: '', type: 'hidden', defaultValue: person.id },
                {
                  name: 'role',
                  label: t('admin.person.roleLabel'),
                  hint: t('admin.person.roleHint'),
                  type: 'radio',
                  defaultValue: person.role,
                  options: staffRoles.map((r) => ({ value: r, label: t(`roles.${r}`) })),
                },
                {
                  name: 'depositorOrgId',
                  label: t('admin.invite.org'),
                  hint: t('admin.invite.orgHint'),
                  type: 'select',
                  defaultValue: person.depositorOrgId ?? '',
                  options: [
                    { value: '', label: t('admin.invite.orgNone') },
                    ...orgs.map((o) => ({ value: o.id, label: o.name })),
                  ],
                },
              ]}
            />
          </section>
        )}
        <section aria-labelledby="status-heading">
          <h2 id="status-heading" className="mb-2 text-2xl font-bold">
            {t('admin.person.statusHeading')}
          </h2>
          <p className="mb-4 max-w-prose text-slate-700">
            {person.disabled ? t('admin.person.enableHint') : t('admin.person.disableHint')}
          </p>
          <AdminForm
            id="status"
            testId="status-form"
            action={setAccountDisabledAction}
            secondary
            submitLabel={person.disabled ? t('admin.person.enable') : t('admin.person.disable')}
            fields={[
              { name: 'userId', label: '', type: 'hidden', defaultValue: person.id },
              { name: 'disabled', label: '', type: 'hidden', defaultValue: person.disabled ? 'false' : 'true' },
            ]}
          />
        </section>
        <section aria-labelledby="reset-heading">
          <h2 id="reset-heading" className="mb-2 text-2xl font-bold">
            {t('admin.person.resetHeading')}
          </h2>
          <p className="mb-4 max-w-prose text-slate-700">{t('admin.person.resetHint')}</p>
          <AdminForm
            id="reset"
            testId="reset-form"
            action={sendPasswordResetAction}
            secondary
            submitLabel={t('admin.person.resetButton')}
            fields={[{ name: 'userId', label: '', type: 'hidden', defaultValue: person.id }]}
          />
        </section>
      </NextIntlClientProvider>
    </div>
  );
}
