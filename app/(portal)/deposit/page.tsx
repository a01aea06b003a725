import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { DepositTool } from '@/components/deposit/deposit-tool';
import { requireRole } from '@/lib/auth/session';
import { ownDepositorOrg } from '@/lib/depositors/own-depositor-org';
import { depositDigests } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('deposit');
  return { title: t('pageTitle') };
}

/**
 * Depositing from the browser, for depositor accounts: files are hashed on the depositor's
 * device and only their digests are sent (depositFromBrowser checks the role again).
 */
export default async function DepositPage() {
  const user = await requireRole('depositor');
  const org = await ownDepositorOrg(user);
  if (!org) forbidden();
  const t = await getTranslations('deposit');
  const th = await getTranslations('depositHistory');
  const messages = await getMessages();
  return (
    <section aria-labelledby="deposit-heading">
      <h1 id="deposit-heading" className="mb-3 text-3xl font-bold">
        {t('heading')}
      </h1>
      <p className="mb-4 max-w-prose text-lg text-slate-700">{t('intro', { org: org.name })}</p>
      <p className="mb-6">
        <Link
          href="/deposit/history"
          className="text-court-700 underline underline-offset-4 hover:no-underline"
          data-testid="history-link"
        >
          {th('link')}
        </Link>
      </p>
      <div className="mb-8 max-w-prose border-l-8 border-court-700 bg-court-50 px-4 py-3" data-testid="privacy-notice">
        <h2 className="text-lg font-bold">{t('privacyTitle')}</h2>
        <p className="mt-1">{t('privacyBody')}</p>
      </div>
      {/* The tool reuses the verify page's progress, digest and hashing-error texts. */}
      <NextIntlClientProvider
        messages={{
          deposit: messages.deposit,
          verify: messages.verify,
          glossary: messages.glossary,
          depositCertificate: messages.depositCertificate,
          depositHistory: messages.depositHistory,
        }}
      >
        <DepositTool action={depositDigests} />
      </NextIntlClientProvider>
      <p className="mt-12">
        <Link href="/verify" className="text-court-700 underline underline-offset-4 hover:no-underline">
          {t('verifyLink')}
        </Link>
      </p>
    </section>
  );
}
