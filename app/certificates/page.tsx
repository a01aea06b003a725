import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { CertificateLookupForm } from '@/components/certificate-check/lookup-form';
import { PageShell } from '@/components/layout/page-shell';
import { getCurrentUser } from '@/lib/auth/session';
import { normaliseCertificateNumber } from '@/lib/certificates/find-certificate-by-code';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('certificateLookup');
  return { title: t('pageTitle') };
}

/**
 * Finding a certificate without its QR code (no sign-in): the number and the check code printed
 * on it open its page (lib/certificates/find-certificate-by-code.ts). `?number=` (from the public
 * ledger page's search) fills in the number when it is one; nothing is looked up until the code is given.
 */
export default async function CertificateLookupPage({
  searchParams,
}: {
  searchParams: Promise<{ number?: string | string[] }>;
}) {
  const { number } = await searchParams;
  const initialNumber = typeof number === 'string' ? (normaliseCertificateNumber(number) ?? undefined) : undefined;
  const [t, messages, user] = await Promise.all([
    getTranslations('certificateLookup'),
    getMessages(),
    getCurrentUser(),
  ]);
  return (
    <PageShell user={user}>
      <section aria-labelledby="lookup-heading" className="max-w-3xl">
        <h1 id="lookup-heading" className="mb-3 text-3xl font-bold">
          {t('heading')}
        </h1>
        <p className="mb-8 max-w-prose text-lg text-slate-700">{t('intro')}</p>
        <NextIntlClientProvider messages={{ certificateLookup: messages.certificateLookup }}>
          <CertificateLookupForm initialNumber={initialNumber} />
        </NextIntlClientProvider>
        <p className="mt-8 max-w-prose text-slate-700">{t('limits')}</p>
        <p className="mt-4">
          <Link href="/verify" className="text-court-700 underline underline-offset-4">
            {t('verifyLink')}
          </Link>
        </p>
      </section>
    </PageShell>
  );
}
