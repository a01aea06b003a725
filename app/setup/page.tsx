import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SetupPage } from '@/components/admin/setup-page';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('setup');
  return { title: t('pageTitle'), robots: { index: false } };
}

/** /setup?token=… — the same page as /setup/<token>. */
export default async function SetupQueryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return <SetupPage token={typeof token === 'string' ? token : ''} />;
}
