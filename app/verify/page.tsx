import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/page-shell';
import { parseDepositId } from '@/components/verify/format';
import { VerifyTool } from '@/components/verify/verify-tool';
import { getCurrentUser } from '@/lib/auth/session';
import { courtSigner } from '@/lib/certificates/court-signer';
import { logSigner } from '@/lib/ledger/log-signer';
import { bytesToBase64 } from '@/lib/tlog';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('verify');
  return { title: t('pageTitle') };
}

/**
 * The public check page (no sign-in): files are hashed in the visitor's browser and every proof
 * is checked there against the log key this server pins into the page; a dropped certificate is
 * checked there against the court key pinned likewise.
 */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ deposit?: string | string[] }> }) {
  // A deposit certificate's QR code opens /verify?deposit=<id>: that deposit is looked up at once,
  // and a file chosen next is compared with it. Anything but one well-formed ID is ignored.
  const { deposit } = await searchParams;
  const initialDepositId = typeof deposit === 'string' ? (parseDepositId(deposit) ?? undefined) : undefined;
  const t = await getTranslations('verify');
  const tc = await getTranslations('certificate');
  const user = await getCurrentUser();
  const court = pinnedCourtKey();
  return (
    <PageShell user={user}>
      <h1 className="mb-3 text-3xl font-bold">{t('heading')}</h1>
      <p className="mb-6 max-w-prose text-lg text-slate-700">{t('intro')}</p>
      <div className="mb-8 max-w-prose border-l-8 border-court-700 bg-court-50 px-4 py-3" data-testid="privacy-notice">
        <h2 className="text-lg font-bold">{t('privacyTitle')}</h2>
        <p className="mt-1">{t('privacyBody')}</p>
      </div>
      <VerifyTool
        verifierKey={logSigner().verifierKey}
        courtPublicKey={court.key}
        initialDepositId={initialDepositId}
        technicalDetails={
          <>
            <p>{t('howBody')}</p>
            <p>{t('limitsBody')}</p>
            <p>{t('keyLabel')}</p>
            <code className="block font-mono text-sm break-all" translate="no" data-testid="pinned-key">
              {logSigner().verifierKey}
            </code>
            <p>{tc('offline.courtKey', { keyId: court.keyId })}</p>
            <code className="block font-mono text-sm break-all" translate="no" data-testid="pinned-court-key">
              {court.key || '—'}
            </code>
          </>
        }
      />
    </PageShell>
  );
}

/** The court's certificate key; without one (a misconfigured server) every dropped certificate fails court_key. */
function pinnedCourtKey(): { key: string; keyId: string } {
  try {
    const { publicKey, keyId } = courtSigner();
    return { key: bytesToBase64(publicKey), keyId };
  } catch {
    return { key: '', keyId: '—' };
  }
}
