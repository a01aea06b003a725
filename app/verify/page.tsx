import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/page-shell';
import { VerifyTool } from '@/components/verify/verify-tool';
import { getCurrentUser } from '@/lib/auth/session';
import { logSigner } from '@/lib/ledger/log-signer';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('verify');
  return { title: t('pageTitle') };
}

/**
 * The public check page (no sign-in): files are hashed in the visitor's browser and every proof
 * is checked there against the log key this server pins into the page.
 */
export default async function VerifyPage() {
  const t = await getTranslations('verify');
  const user = await getCurrentUser();
  return (
    <PageShell user={user}>
      <h1 className="mb-3 text-3xl font-bold">{t('heading')}</h1>
      <p className="mb-6 max-w-prose text-lg text-slate-700">{t('intro')}</p>
      <div className="mb-8 max-w-prose border-l-8 border-court-700 bg-court-50 px-4 py-3" data-testid="privacy-notice">
        <h2 className="text-lg font-bold">{t('privacyTitle')}</h2>
        <p className="mt-1">{t('privacyBody')}</p>
      </div>
      <VerifyTool verifierKey={logSigner().verifierKey} />
      <details className="mt-12 max-w-prose text-slate-700">
        <summary className="cursor-pointer text-court-700 underline underline-offset-4">{t('howTitle')}</summary>
        <p className="mt-2">{t('howBody')}</p>
        <p className="mt-2">{t('limitsBody')}</p>
        <p className="mt-2">{t('keyLabel')}</p>
        <code className="mt-1 block font-mono text-sm break-all" translate="no" data-testid="pinned-key">
          {logSigner().verifierKey}
        </code>
      </details>
    </PageShell>
  );
}
