import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/session';
import { PageShell } from './page-shell';

type Kind = 'forbidden' | 'notFound';

/** What happened, and the one way on. Inside the portal layout the shell is already there. */
export async function ErrorContent({ kind }: { kind: Kind }) {
  const t = await getTranslations('errors');
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold" data-testid={`${kind}-heading`}>
        {t(`${kind}Title`)}
      </h1>
      <p className="mb-6 max-w-prose text-lg">{t(`${kind}Body`)}</p>
      <Link href="/home" className="text-lg text-court-700 underline underline-offset-4">
        {t('backHome')}
      </Link>
    </>
  );
}

/** The same, with header and footer, for errors outside the portal layout. */
export async function ErrorPage({ kind }: { kind: Kind }) {
  const user = await getCurrentUser();
  return (
    <PageShell user={user}>
      <ErrorContent kind={kind} />
    </PageShell>
  );
}
