import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SetupPage } from '@/components/admin/setup-page';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('setup');
  return { title: t('pageTitle'), robots: { index: false } };
}

/** The link `npm start` prints on an empty database: set up the court and its first administrator. */
export default async function SetupTokenPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <SetupPage token={token} />;
}
