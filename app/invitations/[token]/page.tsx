import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getFormatter, getLocale, getMessages, getTranslations } from 'next-intl/server';
import { AdminForm } from '@/components/admin/admin-form';
import { isAppError } from '@/lib/errors/app-error';
import { COURT_TIME_ZONE } from '@/lib/i18n/config';
import { type InvitationView, readInvitation } from '@/lib/invitations/accept-invitation';
import { acceptInvitationAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invitations');
  return { title: t('pageTitle'), robots: { index: false } };
}

/** An invitation: who invites whom to what; choose a name and password to create the account. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  let invitation: InvitationView | null = null;
  let reason = 'LINK_INVALID';
  try {
    invitation = await readInvitation(token);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const given = (error.details as { reason?: string } | undefined)?.reason;
    if (given === 'LINK_USED' || given === 'LINK_EXPIRED' || given === 'LINK_REVOKED') reason = given;
  }
  if (!invitation) {
    return (
      <div className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="mb-4 text-3xl font-bold">{t('invitations.heading')}</h1>
        <div className="border-l-4 border-seal-700 p-4" role="alert" data-testid="invitation-invalid">
          <p className="max-w-prose">{t(`admin.errors.reason.${reason as 'LINK_INVALID'}`)}</p>
          <p className="mt-3">
            <Link href="/sign-in" className="text-court-700 underline underline-offset-4">
              {t('invitations.signIn')}
            </Link>
          </p>
        </div>
      </div>
    );
  }
  const format = await getFormatter();
  const messages = await getMessages();
  const court = (await getLocale()) === 'en' ? invitation.courtNameEn : invitation.courtNameZh;
  const what = invitation.caseNumber
    ? t('invitations.asParty', {
        caseRole: t(`cases.roles.${invitation.caseRole ?? 'plaintiff'}`),
        caseNumber: invitation.caseNumber,
      })
    : t('invitations.asRole', { role: t(`roles.${invitation.role}`) });
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="mb-4 text-3xl font-bold">{t('invitations.heading')}</h1>
      <div className="mb-6 space-y-1" data-testid="invitation-summary">
        <p>{t('invitations.invitedBy', { inviter: invitation.inviterName, court })}</p>
        <p className="font-semibold">{what}</p>
        {invitation.depositorOrgName ? <p>{t('invitations.org', { org: invitation.depositorOrgName })}</p> : null}
        <p>
          {t('invitations.account')} <span className="font-mono break-all">{invitation.email}</span>
        </p>
        <p className="text-slate-700">
          {t('invitations.expires', {
            date: format.dateTime(invitation.expiresAt, {
              dateStyle: 'medium',
              timeStyle: 'short',
              timeZone: COURT_TIME_ZONE,
            }),
          })}
        </p>
      </div>
      <NextIntlClientProvider messages={{ admin: messages.admin }}>
        <AdminForm
          id="accept"
          testId="accept-form"
          action={acceptInvitationAction}
          submitLabel={t('invitations.submit')}
          pendingLabel={t('invitations.submitting')}
          whenDone={
            <p>
              <Link href="/sign-in" className="font-semibold text-court-700 underline underline-offset-4">
                {t('invitations.signIn')}
              </Link>
            </p>
          }
          fields={[
            { name: 'token', label: '', type: 'hidden', defaultValue: token },
            {
              name: 'name',
              label: t('invitations.name'),
              hint: t('invitations.nameHint'),
              defaultValue: invitation.name,
              autoComplete: 'name',
            },
            {
              name: 'password',
              label: t('invitations.password'),
              hint: t('invitations.passwordHint'),
              type: 'password',
              autoComplete: 'new-password',
            },
          ]}
        />
      </NextIntlClientProvider>
    </div>
  );
}
