import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { CertificateBrowserCheck } from '@/components/certificate-check/browser-check';
import { CertificateFacts } from '@/components/certificate-check/certificate-facts';
import { CertifiedStatement } from '@/components/certificate-check/certified-statement';
import { PageShell } from '@/components/layout/page-shell';
import { formatCourtTime } from '@/components/verify/format';
import { getCurrentUser } from '@/lib/auth/session';
import { courtSigner } from '@/lib/certificates/court-signer';
import { getPublicCertificate } from '@/lib/certificates/get-public-certificate';
import { logSigner } from '@/lib/ledger/log-signer';
import { bytesToBase64 } from '@/lib/tlog';
import { witnessPolicy } from '@/lib/witnessing/witness-policy';

type Props = { params: Promise<{ id: string }> };

/** The certificate as this reader may see it, read once per request (metadata and page share it). */
const loadCertificate = cache(async (id: string) => getPublicCertificate(await getCurrentUser(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('certificate');
  const found = await loadCertificate((await params).id);
  return { title: found ? t('pageTitle', { number: found.body.number }) : t('unknown.pageTitle') };
}

/**
 * The public page of one certificate (no sign-in), where its QR code and the lookup by number and
 * check code lead. First what the court certified, in one plain sentence; then, as a separate
 * question, whether the certificate is valid (issued by the court, not revoked — or revoked with
 * the clerk's reason) with the court's signature and the ledger proof checked again in the
 * reader's browser against the keys this server pins into the page; then everything the
 * certificate records. People's names are masked unless the reader may see the case
 * (lib/certificates/get-public-certificate.ts); such a reader's browser check asks for the check
 * code printed on the certificate (or takes it from `#code=` after the lookup), since the signed
 * file it checks names people in full (lib/certificates/get-signed-certificate-file.ts). An unknown ID is a 404 that says so (./not-found.tsx).
 */
export default async function CertificatePage({ params }: Props) {
  const { id } = await params;
  const found = await loadCertificate(id);
  if (!found) notFound();
  const { body, revocation } = found;
  const revoked = found.state === 'revoked';
  const [t, tv, locale, user] = await Promise.all([
    getTranslations('certificate'),
    getTranslations('verify.verdict.word'),
    getLocale(),
    getCurrentUser(),
  ]);
  const court = courtSigner();
  const courtKey = bytesToBase64(court.publicKey);
  const logKey = logSigner().verifierKey;
  // A certificate that says it was witnessed: the command pins the witness keys this court
  // publishes (GET /api/v1/log/witnesses), as it pins the court and log keys. One that says
  // "not yet witnessed" is checked against its own list: pinned keys would ask for the quorum.
  const witnessKeys =
    body.version === 2 && body.deposit?.witnessed ? witnessPolicy().witnesses.map((w) => w.verifierKey) : [];
  const witnessArgs = witnessKeys.map((key) => `  --witness-key ${key} \\\n`).join('');
  const courtName = locale === 'en' ? body.court.nameEn : body.court.nameZh;

  const standing = (
    <section
      aria-labelledby="standing-heading"
      className={revoked ? 'mb-8 border-4 border-seal-700 bg-[#fcefef] p-4' : 'mb-8 border-2 border-slate-300 p-4'}
      data-testid="certificate-standing"
      data-state={found.state}
    >
      <h2 id="standing-heading" className="text-xl font-bold">
        {t('standing.heading')}
      </h2>
      {revoked ? (
        <>
          <p className="mt-2 flex items-center gap-2 text-2xl font-bold text-seal-700">
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
          <p className="mt-2 max-w-prose">{t('standing.revokedMeaning')}</p>
        </>
      ) : (
        <>
          <p className="mt-2 flex items-center gap-2 text-2xl font-bold text-[#005a30]">
            <span aria-hidden="true">✓</span>
            {t('state.valid')}
          </p>
          <p className="mt-1 max-w-prose text-lg">
            {t('standing.validBody', { court: courtName, time: formatCourtTime(body.issuedAt, locale) })}
          </p>
          <p className="mt-2 max-w-prose text-slate-800" data-testid="standing-meaning">
            {t('standing.meaning', { verdict: tv(body.verdict) })}
          </p>
        </>
      )}
      <div className="mt-4">
        <CertificateBrowserCheck
          id={body.id}
          headingLevel={3}
          courtPublicKey={courtKey}
          logVerifierKey={logKey}
          expected={{ number: body.number, sha256: body.digests.sha256, sm3: body.digests.sm3 }}
          access={found.names === 'full' ? 'session' : 'code'}
        />
      </div>
    </section>
  );

  return (
    <PageShell user={user} mainData={{ 'data-certificate-state': found.state, 'data-names': found.names }}>
      <h1 className="mb-4 text-3xl font-bold break-words">{t('heading', { number: body.number })}</h1>
      {revoked ? standing : null}
      <CertifiedStatement body={body} revoked={revoked} />
      {revoked ? null : standing}

      <CertificateFacts body={body} />
      {found.names === 'masked' ? (
        <p className="mt-4 max-w-prose text-slate-700" data-testid="names-masked">
          {t('facts.namesMasked')}
        </p>
      ) : null}

      <p className="mt-8 max-w-prose text-slate-700">{t('intro')}</p>
      <details className="mt-6 max-w-prose text-slate-800" data-testid="offline-check">
        <summary className="cursor-pointer text-lg text-court-700 underline underline-offset-4">
          {t('offline.heading')}
        </summary>
        <p className="mt-2">{t('offline.body')}</p>
        <pre className="mt-2 bg-slate-100 p-2 text-sm break-all whitespace-pre-wrap" translate="no">
          {`npx verity verify-certificate ${body.number}.pdf \\\n  --court-key ${courtKey} \\\n  --log-key ${logKey} \\\n${witnessArgs}  --online`}
        </pre>
        {found.names === 'full' ? (
          <p className="mt-3">
            <a
              href={`/api/v1/certificates/${body.id}`}
              download={`${body.number}.json`}
              className="text-court-700 underline underline-offset-4"
            >
              {t('offline.download')}
            </a>
          </p>
        ) : (
          <p className="mt-3" data-testid="names-withheld">
            {t('offline.namesWithheld')}
          </p>
        )}
        <p className="mt-3">{t('offline.courtKey', { keyId: court.keyId })}</p>
        <code className="mt-1 block font-mono text-sm break-all" translate="no" data-testid="pinned-court-key">
          {courtKey}
        </code>
        <p className="mt-2">{t('offline.logKey')}</p>
        <code className="mt-1 block font-mono text-sm break-all" translate="no">
          {logKey}
        </code>
      </details>
      <ul className="mt-8 space-y-2">
        <li>
          <Link href="/certificates" className="text-court-700 underline underline-offset-4">
            {t('lookupLink')}
          </Link>
        </li>
        <li>
          <Link href="/verify" className="text-court-700 underline underline-offset-4">
            {t('unknown.verifyLink')}
          </Link>
        </li>
      </ul>
    </PageShell>
  );
}
