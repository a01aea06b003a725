import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { NewCaseForm } from '@/components/cases/new-case-form';
import { requireRole } from '@/lib/auth/session';
import { getCourtName } from '@/lib/cases/get-court-name';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('docket.new');
  return { title: t('pageTitle') };
}

/** A clerk opens a case on their court's docket, then lands on it. */
export default async function NewCasePage() {
  const clerk = await requireRole('clerk');
  const t = await getTranslations('docket');
  const messages = await getMessages();
  return (
    <section aria-labelledby="new-case-heading" className="max-w-3xl">
      <p className="mb-4">
        <Link href="/home" className="text-court-700 underline underline-offset-4">
          {t('backToDocket')}
        </Link>
      </p>
      <h1 id="new-case-heading" className="mb-3 text-3xl font-bold">
        {t('new.heading')}
      </h1>
      <p className="mb-8 max-w-prose text-lg text-slate-700">{t('new.intro', { court: await getCourtName(clerk) })}</p>
      <NextIntlClientProvider messages={{ docket: messages.docket, cases: messages.cases }}>
        <NewCaseForm />
      </NextIntlClientProvider>
    </section>
  );
}
