import { NextIntlClientProvider } from 'next-intl';
import { getFormatter, getMessages, getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/auth/actor';
import { listCaseCertificates } from '@/lib/certificates/list-case-certificates';
import { CertificateLinks } from './certificate-links';
import { CertificateStatus } from './certificate-status';
import { IssueCertificateForm } from './issue-certificate-form';
import { RevokeCertificateForm } from './revoke-certificate-form';

/**
 * The exhibit page's certificate section: the exhibit's certificates with their standing (and a
 * revocation's reason), the PDF and the public page, for everyone who may view the case; for the
 * court's clerks, issuing (when no valid certificate stands) and revoking.
 */
export async function ExhibitCertificates({
  actor,
  caseId,
  exhibitId,
}: {
  actor: Actor;
  caseId: string;
  exhibitId: string;
}) {
  const { certificates: oldestFirst, canCertify } = await listCaseCertificates(actor, caseId, { exhibitId });
  const certificates = [...oldestFirst].reverse();
  const t = await getTranslations('certificates');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const messages = await getMessages();
  return (
    <section aria-labelledby="exhibit-certificates-heading" className="space-y-3" data-testid="exhibit-certificates">
      <h2 id="exhibit-certificates-heading" className="text-2xl font-bold">
        {t('exhibitHeading')}
      </h2>
      <NextIntlClientProvider messages={{ certificates: messages.certificates }}>
        {certificates.length === 0 ? <p>{t('exhibitNone')}</p> : null}
        <ul className="space-y-4" data-testid="exhibit-certificate-list">
          {certificates.map((c) => (
            <li
              key={c.id}
              className="space-y-2 border-l-4 border-slate-400 pl-3"
              data-testid="exhibit-certificate"
              data-certificate-id={c.id}
              data-certificate-number={c.number}
              data-state={c.state}
            >
              <p className="flex flex-wrap items-center gap-3">
                <span className="font-mono font-semibold">{c.number}</span>
                <CertificateStatus state={c.state} label={t(`status.${c.state}`)} />
              </p>
              <p className="text-sm text-slate-700">{t('issuedBy', { time: when(c.issuedAt), name: c.issuedBy })}</p>
              {c.revocation ? (
                <p className="text-red-900" data-testid="certificate-revocation">
                  {t('revokedBecause', {
                    time: when(c.revocation.at),
                    name: c.revocation.by,
                    reason: c.revocation.reason,
                  })}
                </p>
              ) : null}
              <CertificateLinks id={c.id} number={c.number} pdfLabel={t('downloadPdf')} publicLabel={t('publicPage')} />
              {canCertify ? (
                <RevokeCertificateForm certificateId={c.id} number={c.number} revoked={c.state === 'revoked'} />
              ) : null}
            </li>
          ))}
        </ul>
        {canCertify ? (
          <IssueCertificateForm
            exhibitId={exhibitId}
            validIds={certificates.filter((c) => c.state === 'valid').map((c) => c.id)}
          />
        ) : null}
      </NextIntlClientProvider>
    </section>
  );
}
