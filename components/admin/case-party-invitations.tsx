/**
 * The clerk's "add a party by e-mail" on a case's manage page: an address with an account is added
 * at once; a new one is invited (7 days, single use), and the case's pending invitations are
 * listed with "send again" and "withdraw". Server component; the forms are AdminForm.
 */
import { NextIntlClientProvider } from 'next-intl';
import { getFormatter, getLocale, getMessages, getTranslations } from 'next-intl/server';
import {
  inviteCasePartyAction,
  resendCaseInvitationAction,
  revokeCaseInvitationAction,
} from '@/app/(portal)/cases/[caseId]/manage/invitations/actions';
import { StackedTable } from '@/components/ui/stacked-table';
import { COURT_TIME_ZONE } from '@/lib/i18n/config';
import type { InvitationSummary } from '@/lib/invitations/list-invitations';
import { AdminForm } from './admin-form';

export async function CasePartyInvitations({ caseId, pending }: { caseId: string; pending: InvitationSummary[] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const messages = await getMessages();
  const locale = await getLocale();
  const hidden = (name: string, value: string) => ({ name, label: '', type: 'hidden' as const, defaultValue: value });
  return (
    <NextIntlClientProvider messages={{ admin: messages.admin }}>
      <p className="mb-4 max-w-prose text-slate-700">{t('invitations.case.intro')}</p>
      <AdminForm
        id="invite-party"
        testId="invite-party-form"
        action={inviteCasePartyAction}
        submitLabel={t('invitations.case.submit')}
        fields={[
          hidden('caseId', caseId),
          { name: 'email', label: t('invitations.case.email'), type: 'email', autoComplete: 'off' },
          { name: 'name', label: t('invitations.case.name'), hint: t('invitations.case.nameHint') },
          {
            name: 'caseRole',
            label: t('invitations.case.caseRole'),
            type: 'radio',
            options: (['plaintiff', 'defendant'] as const).map((r) => ({ value: r, label: t(`cases.roles.${r}`) })),
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
      <h3 className="mt-8 mb-3 text-xl font-bold">{t('invitations.case.pendingHeading')}</h3>
      {pending.length === 0 ? (
        <p>{t('invitations.case.none')}</p>
      ) : (
        <StackedTable
          head={[
            t('admin.invitations.columns.person'),
            t('admin.invitations.columns.role'),
            t('admin.invitations.columns.status'),
            t('admin.invitations.columns.expires'),
            t('admin.invitations.columns.actions'),
          ]}
          testId="case-invitation-table"
          wrap={[0]}
          keep={[1, 2, 3]}
          rows={pending.map((i) => ({
            key: i.id,
            cells: [
              <span key="n">
                {i.name}
                <span className="block font-mono text-sm break-all">{i.email}</span>
              </span>,
              i.caseRole ? t(`cases.roles.${i.caseRole}`) : '',
              t(`admin.invitations.status.${i.status}`),
              format.dateTime(i.expiresAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: COURT_TIME_ZONE }),
              i.status === 'pending' || i.status === 'expired' ? (
                <div key="a" className="flex flex-wrap gap-3">
                  <AdminForm
                    id={`resend-${i.id}`}
                    action={resendCaseInvitationAction}
                    secondary
                    submitLabel={t('admin.invitations.resend')}
                    fields={[hidden('caseId', caseId), hidden('invitationId', i.id), hidden('email', i.email)]}
                  />
                  <AdminForm
                    id={`revoke-${i.id}`}
                    action={revokeCaseInvitationAction}
                    secondary
                    submitLabel={t('admin.invitations.revoke')}
                    fields={[hidden('caseId', caseId), hidden('invitationId', i.id), hidden('email', i.email)]}
                  />
                </div>
              ) : (
                '—'
              ),
            ],
          }))}
        />
      )}
    </NextIntlClientProvider>
  );
}
