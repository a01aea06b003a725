import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { CertificateBrowserCheck } from '@/components/certificate-check/browser-check';
import { CertificateFacts } from '@/components/certificate-check/certificate-facts';
import { PageShell } from '@/components/layout/page-shell';
import { formatCourtTime } from '@/components/verify/format';
import { getCurrentUser } from '@/lib/auth/session';
import { courtSigner } from '@/lib/certificates/court-signer';
import { getCertificateFile } from '@/lib/certificates/get-certificate-file';
import { getCertificateStatus } from '@/lib/certificates/get-certificate-status';
import { logSigner } from '@/lib/ledger/log-signer';
import { bytesToBase64 } from '@/lib/tlog';

type Props = { params: Promise<{ id: string }> };

/** The status and the filed certificate, read once per request (metadata and page share it). */
const loadCertificate = cache(async (id: string) => {
  const status = await getCertificateStatus(id);
  if (status.state === 'unknown') return null;
  const file = await getCertificateFile(id);
  return file ? { status, file } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('certificate');
  const found = await loadCertificate((await params).id);
  return { title: found ? t('pageTitle', { number: found.file.body.number }) : t('unknown.pageTitle') };
}

/**
 * The public check page of one certificate (no sign-in), where its QR code leads: whether it
 * stands (valid, or revoked with the clerk's reason and time), what it certifies, and the court's
 * signature and the ledger proof checked again in the reader's browser against the keys this
 * server pins into the page. An unknown ID is a 404 that says so (./not-found.tsx).
 */
export default async function CertificatePage({ params }: Props) {
  const { id } = await params;
  const found = await loadCertificate(id);
  if (!found) notFound();
  const { status, file } = found;
  const { body } = file;
  const [t, locale, user] = await Promise.all([getTranslations('certificate'), getLocale(), getCurrentUser()]);
  const court = courtSigner();
  const courtKey = bytesToBase64(court.publicKey);
  const logKey = logSigner().verifierKey;
  const revocation = status.state === 'revoked' ? status.revocation : undefined;

  return (
    <PageShell user={user} mainData={{ 'data-certificate-state': status.state }}>
      <h1 className="mb-3 text-3xl font-bold break-words">{t('heading', { number: body.number })}</h1>
      <p className="mb-6 max-w-prose text-lg text-slate-700">{t('intro')}</p>

      {status.state === 'revoked' ? (
        <div className="mb-6 border-4 border-seal-700 bg-[#fcefef] p-4" data-testid="certificate-standing">
          <p className="flex items-center gap-2 text-2xl font-bold text-seal-700">
            <span aria-hidden="true">✗</span>
            {t('state.revoked')}
          </p>
          <p className="mt-2 max-w-prose text-lg font-semibold">
            {t('revokedBody', { time: revocation ? formatCourtTime(revocation.at, locale) : '—' })}
          </p>
          {revocation ? (
            <>
              <p className="mt-2 max-w-prose text-lg break-words" data-testid="revocation-reason">
                {t('revokedReason', { reason: revocation.reason })}
              </p>
              <p className="mt-1 text-slate-800">{t('revokedBy', { name: revocation.by })}</p>
            </>
          ) : null}
        </div>
      ) : (
        <div className="mb-6 border-l-8 border-[#00703c] bg-[#eef7f1] px-4 py-3" data-testid="certificate-standing">
          <p className="flex items-center gap-2 text-2xl font-bold text-[#005a30]">
            <span aria-hidden="true">✓</span>
            {t('state.valid')}
          </p>
          <p className="mt-1 max-w-prose text-lg">{t('validBody', { time: formatCourtTime(body.issuedAt, locale) })}</p>
        </div>
      )}

      <div className="mb-8">
        <CertificateBrowserCheck
          id={body.id}
          courtPublicKey={courtKey}
          logVerifierKey={logKey}
          expected={{ number: body.number, sha256: body.digests.sha256, sm3: body.digests.sm3 }}
        />
      </div>

      <CertificateFacts body={body} />

      <details className="mt-10 max-w-prose text-slate-800" data-testid="offline-check">
        <summary className="cursor-pointer text-lg text-court-700 underline underline-offset-4">
          {t('offline.heading')}
        </summary>
        <p className="mt-2">{t('offline.body')}</p>
        <pre className="mt-2 bg-slate-100 p-2 text-sm break-all whitespace-pre-wrap" translate="no">
          {`npx verity verify-certificate ${body.number}.pdf \\\n  --court-key ${courtKey} \\\n  --log-key ${logKey} \\\n  --online`}
        </pre>
        <p className="mt-3">
          <a
            href={`/api/v1/certificates/${body.id}`}
            download={`${body.number}.json`}
            className="text-court-700 underline underline-offset-4"
          >
            {t('offline.download')}
          </a>
        </p>
        <p className="mt-3">{t('offline.courtKey', { keyId: court.keyId })}</p>
        <code className="mt-1 block font-mono text-sm break-all" translate="no" data-testid="pinned-court-key">
          {courtKey}
        </code>
        <p className="mt-2">{t('offline.logKey')}</p>
        <code className="mt-1 block font-mono text-sm break-all" translate="no">
          {logKey}
        </code>
      </details>
      <p className="mt-8">
        <Link href="/verify" className="text-court-700 underline underline-offset-4">
          {t('unknown.verifyLink')}
        </Link>
      </p>
    </PageShell>
  );
}
