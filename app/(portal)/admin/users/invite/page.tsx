import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { AdminForm } from '@/components/admin/admin-form';
import { requireRole } from '@/lib/auth/session';
import { listDepositorOrgs } from '@/lib/depositors/list-depositor-orgs';
import { inviteStaffAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.invite');
  return { title: t('pageTitle') };
}

/** Invite a judge, clerk, administrator or depositor by e-mail. */
export default async function InvitePage() {
  const admin = await requireRole('admin');
  const orgs = await listDepositorOrgs(admin);
  const t = await getTranslations();
  const messages = await getMessages();
  const locale = await getLocale();
  return (
    <div className="max-w-3xl">
      <p className="mb-4">
        <Link href="/admin/users" className="text-court-700 underline underline-offset-4">
          {t('admin.person.back')}
        </Link>
      </p>
      <h1 className="mb-2 text-3xl font-bold">{t('admin.invite.heading')}</h1>
      <p className="mb-6 max-w-prose text-slate-700">{t('admin.invite.intro')}</p>
      <NextIntlClientProvider messages={{ admin: messages.admin }}>
        <AdminForm
          id="invite"
          testId="invite-form"
          action={inviteStaffAction}
          submitLabel={t('admin.invite.submit')}
          pendingLabel={t('admin.invite.sending')}
          fields={[
            {
              name: 'email',
              label: t('admin.invite.email'),
              hint: t('admin.invite.emailHint'),
              type: 'email',
              autoComplete: 'off',
            },
            { name: 'name', label: t('admin.invite.name'), hint: t('admin.invite.nameHint') },
            {
              name: 'role',
              label: t('admin.invite.role'),
              type: 'radio',
              options: (['judge', 'clerk', 'admin', 'depositor'] as const).map((r) => ({
                value: r,
                label: t(`roles.${r}`),
              })),
            },
            {
              name: 'depositorOrgId',
              label: t('admin.invite.org'),
              hint: t('admin.invite.orgHint'),
              type: 'select',
              options: [
                { value: '', label: t('admin.invite.orgNone') },
                ...orgs.map((o) => ({ value: o.id, label: o.name })),
              ],
            },
            {
              name: 'locale',
              label: t('admin.invite.locale'),
              hint: t('admin.invite.localeHint'),
              type: 'radio',
              defaultValue: locale,
              options: [
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ],
            },
          ]}
        />
      </NextIntlClientProvider>
    </div>
  );
}
