import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/session';
import { PageShell } from './page-shell';

/** The 403 and 404 pages: what happened, and the one way on. */
export async function ErrorPage({ kind }: { kind: 'forbidden' | 'notFound' }) {
  const t = await getTranslations('errors');
  const user = await getCurrentUser();
  return (
    <PageShell user={user}>
      <h1 className="mb-4 text-3xl font-bold" data-testid={`${kind}-heading`}>
        {t(`${kind}Title`)}
      </h1>
      <p className="mb-6 max-w-prose text-lg">{t(`${kind}Body`)}</p>
      <Link href="/home" className="text-lg text-court-700 underline underline-offset-4">
        {t('backHome')}
      </Link>
    </PageShell>
  );
}
