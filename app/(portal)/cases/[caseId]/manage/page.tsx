import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { CasePartyInvitations } from '@/components/admin/case-party-invitations';
import { AddMemberForm } from '@/components/cases/add-member-form';
import { CaseDetailsForm } from '@/components/cases/case-details-form';
import { CasePeople } from '@/components/cases/case-people';
import { casePageTitle } from '@/components/cases/page-title';
import { PersonSearchForm } from '@/components/cases/person-search-form';
import { ExchangeDeadlineSection } from '@/components/exchange/deadline-section';
import { requireRole } from '@/lib/auth/session';
import { getCaseDetail } from '@/lib/cases/get-case-detail';
import { searchAssignableUsers } from '@/lib/cases/list-assignable-users';
import { forPage } from '@/lib/errors/for-page';
import { listCaseInvitations } from '@/lib/invitations/list-invitations';

export async function generateMetadata({ params }: { params: Promise<{ caseId: string }> }): Promise<Metadata> {
  return { title: await casePageTitle('manage', (await params).caseId) };
}

/**
 * A clerk of the case's court edits the case and assigns its people: a person is found by a
 * search (`?who=`, name or e-mail, at most 20 shown), never picked from every account.
 */
export default async function ManageCasePage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const clerk = await requireRole('clerk');
  const { caseId } = await params;
  const asked = (await searchParams).who;
  const who = (Array.isArray(asked) ? (asked[0] ?? '') : (asked ?? '')).trim().slice(0, 200);
  // The manage check first: a clerk of another court gets the 404 page, never a glimpse.
  const found = await forPage(searchAssignableUsers(clerk, caseId, { q: who }));
  const detail = await forPage(getCaseDetail(clerk, caseId));
  const invitations = await listCaseInvitations(clerk, caseId);
  const t = await getTranslations('docket');
  const messages = await getMessages();
  const court = (await getLocale()) === 'en' ? detail.court.nameEn : detail.court.nameZh;
  return (
    <div className="max-w-4xl space-y-10">
      <header>
        <p className="mb-4">
          <Link href={`/cases/${detail.id}`} className="text-court-700 underline underline-offset-4">
            {t('manage.backToCase')}
          </Link>
        </p>
        <h1 className="mb-2 text-3xl font-bold">{t('manage.heading')}</h1>
        <p className="font-mono text-lg break-all" data-testid="case-number">
          {detail.caseNumber}
        </p>
        <p className="text-lg">{detail.title}</p>
        <p className="text-slate-600">{t('manage.court', { court })}</p>
      </header>
      <NextIntlClientProvider messages={{ docket: messages.docket, cases: messages.cases }}>
        <section aria-labelledby="details-heading">
          <h2 id="details-heading" className="mb-4 text-2xl font-bold">
            {t('manage.detailsHeading')}
          </h2>
          <CaseDetailsForm
            caseId={detail.id}
            initial={{ title: detail.title, causeOfAction: detail.causeOfAction, status: detail.status }}
          />
        </section>
        <section aria-labelledby="people-heading">
          <h2 id="people-heading" className="mb-4 text-2xl font-bold">
            {t('manage.peopleHeading')}
          </h2>
          <CasePeople caseId={detail.id} members={detail.members} />
        </section>
        <section aria-labelledby="add-heading">
          <h2 id="add-heading" className="mb-4 text-2xl font-bold">
            {t('manage.addHeading')}
          </h2>
          <PersonSearchForm action={`/cases/${detail.id}/manage#add-heading`} q={who} />
          <p className="my-4 max-w-3xl" role="status" data-testid="person-search-result">
            {who === ''
              ? t('manage.search.prompt')
              : found.people.length === 0
                ? t('manage.search.none', { q: who })
                : found.truncated
                  ? t('manage.search.truncated', { limit: found.limit })
                  : t('manage.search.found', { count: found.people.length })}
          </p>
          <AddMemberForm caseId={detail.id} people={found.people} />
        </section>
      </NextIntlClientProvider>
      <NextIntlClientProvider messages={{ exchange: messages.exchange }}>
        <ExchangeDeadlineSection actor={clerk} caseId={detail.id} />
      </NextIntlClientProvider>
      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading" className="mb-4 text-2xl font-bold">
          {(await getTranslations('invitations'))('case.heading')}
        </h2>
        <CasePartyInvitations caseId={detail.id} pending={invitations} />
      </section>
    </div>
  );
}
